package io.fupan.core.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fupan.api.PluginFactory;
import io.fupan.api.ui.UiPanel;
import io.fupan.core.error.DomainException;
import io.fupan.core.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One installed plugin version: its descriptor, its own PF4J manager and class loader, and its factory. */
public final class LoadedPlugin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginDescriptor descriptor;
    private final HostPluginManager manager;
    private final PluginFactory factory;
    private final ClassLoader classLoader;
    private final JsonSchema schema;
    private final List<UiPanel> panels;
    private final PluginUiAssets ui;

    LoadedPlugin(PluginDescriptor descriptor, HostPluginManager manager, PluginFactory factory, ClassLoader classLoader) {
        this(descriptor, manager, factory, classLoader, List.of(), PluginUiAssets.none());
    }

    LoadedPlugin(PluginDescriptor descriptor, HostPluginManager manager, PluginFactory factory, ClassLoader classLoader,
                 List<UiPanel> panels, PluginUiAssets ui) {
        this.descriptor = descriptor;
        this.panels = List.copyOf(panels);
        this.ui = ui;
        this.manager = manager;
        this.factory = factory;
        this.classLoader = classLoader;
        if (descriptor.configSchema() == null) {
            this.schema = null;
        } else {
            try {
                var config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build();
                this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(JSON.readTree(descriptor.configSchema()), config);
            } catch (Exception e) {
                throw new IllegalArgumentException("config schema: " + e.getMessage(), e);
            }
        }
    }

    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /** The UI panels the version declares ({@link io.fupan.api.ui.UiPanels}), checked at install. */
    public List<UiPanel> panels() {
        return panels;
    }

    /** The files of the jar's {@code ui/} folder. */
    public PluginUiAssets ui() {
        return ui;
    }

    /**
     * The path segment that names this build of the version in asset URLs: the first 12 hex digits
     * of the jar's SHA-256. A rebuilt jar of the same version gets new URLs, so browsers may keep the
     * files for a year.
     */
    public String build() {
        return descriptor.sha256() == null ? "0" : descriptor.sha256().substring(0, Math.min(12, descriptor.sha256().length()));
    }

    PluginFactory factory() {
        return factory;
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    HostPluginManager manager() {
        return manager;
    }

    /** The config schema as plain values, or an empty object when the plugin declares none. */
    public Map<String, Object> configSchema() {
        return descriptor.configSchema() == null ? Map.of() : io.fupan.core.record.Json.read(descriptor.configSchema());
    }

    /**
     * Checks {@code config} against the plugin's schema.
     *
     * @throws DomainException.Invalid with one error per finding, fields named {@code config.<path>}
     */
    public void validate(Map<String, Object> config) {
        if (schema == null) {
            return;
        }
        List<DomainException.FieldError> errors = new ArrayList<>();
        // the schema validator words its messages in the caller's language (it ships zh-CN and English texts)
        Locale language = Messages.locale();
        for (ValidationMessage m : schema.validate(JSON.valueToTree(config),
                (execution, validation) -> execution.getExecutionConfig().setLocale(language))) {
            String at = m.getInstanceLocation().toString(); // JSON pointer, "" for the root
            if ("required".equals(m.getType()) || "additionalProperties".equals(m.getType())
                    || "dependentRequired".equals(m.getType())) {
                at = at + "/" + m.getProperty();
            }
            String field = "config" + at.replace('/', '.');
            String message = m.getMessage();
            // networknt prefixes the message with the location (empty for the root): keep only what is wrong
            int colon = message.indexOf(": ");
            errors.add(new DomainException.FieldError(field, colon >= 0 ? message.substring(colon + 2) : message));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
    }
}
