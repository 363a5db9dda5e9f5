package io.fupan.plugins.leadscoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.api.ui.UiPanel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin's UI panels: each module is in ui/ and exports mount; the panel titles and the messages
 * of ui/i18n speak both languages, with every key the modules name.
 */
class UiPanelsTest {

    private static final Path UI = Path.of("src/main/resources/ui");
    private static final Pattern KEY = Pattern.compile("\\bt\\('([a-zA-Z][\\w-]*(?:\\.[\\w-]+)+)'");

    private static Map<String, String> messages(String locale) throws IOException {
        return new ObjectMapper().readValue(UI.resolve("i18n/" + locale + ".json").toFile(), new TypeReference<>() {});
    }

    @Test
    void panels_haveTheirModuleAndBothTitles() throws IOException {
        assertThat(new LeadScoringPlugin().panels()).isNotEmpty().allSatisfy((UiPanel p) -> {
            assertThat(UI.resolve(p.module())).isRegularFile();
            assertThat(Files.readString(UI.resolve(p.module()))).contains("export async function mount(");
            assertThat(p.titles().keySet()).containsExactlyInAnyOrder("en", "zh-CN");
        });
    }

    @Test
    void messages_zhCnAndEn_haveTheSameKeys_andEveryKeyTheModulesName() throws IOException {
        Map<String, String> en = messages("en");
        Map<String, String> zh = messages("zh-CN");
        assertThat(zh.keySet()).isEqualTo(en.keySet());
        assertThat(en).allSatisfy((k, v) -> assertThat(v).as(k).isNotBlank());
        assertThat(zh).allSatisfy((k, v) -> assertThat(v).as(k).isNotBlank());
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(UI)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(en.keySet()).containsAll(used);
    }
}
