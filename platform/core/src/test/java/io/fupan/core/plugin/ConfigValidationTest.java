package io.fupan.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.core.error.DomainException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant's plugin config against the plugin's JSON Schema: one error per field, named config.<path>. */
class ConfigValidationTest {

    private static LoadedPlugin plugin(String schema) {
        return new LoadedPlugin(new PluginDescriptor("demo", "1.0.0", "Demo", null, "first-party", "*", Map.of(), schema,
                Path.of("demo.jar"), "00", null, null), null, null, null);
    }

    private static final String SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"days\"],"
            + "\"properties\":{\"days\":{\"type\":\"integer\",\"minimum\":1},"
            + "\"stages\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}}}";

    @Test
    void validate_fittingConfig_passes() {
        plugin(SCHEMA).validate(Map.of("days", 3, "stages", Map.of("won", 2)));
    }

    @Test
    void validate_badConfig_namesEachField() {
        assertThatThrownBy(() -> plugin(SCHEMA).validate(Map.of("days", 0, "colour", "red", "stages", Map.of("won", "x"))))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(DomainException.FieldError::field)
                        .containsExactlyInAnyOrder("config.days", "config.colour", "config.stages.won"));
    }

    @Test
    void validate_missingRequired_namesTheMissingField() {
        assertThatThrownBy(() -> plugin(SCHEMA).validate(Map.of()))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.errors())
                        .extracting(DomainException.FieldError::field).containsExactly("config.days"));
    }

    @Test
    void validate_withoutSchema_acceptsAnything() {
        plugin(null).validate(Map.of("anything", true));
    }
}
