package io.fupan.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's configuration of a plugin: the JSON object the tenant admin set, already validated
 * against the plugin's config schema, as plain values (String, Number, Boolean, List, Map, null).
 *
 * @param values the configuration, never null (empty for the defaults)
 * @since 0.1.0
 */
public record PluginConfig(Map<String, Object> values) {

    public PluginConfig {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value at {@code key}, if set. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The text at {@code key}, or {@code fallback}. */
    public String text(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }

    /** The number at {@code key} as a long, or {@code fallback} when unset or not a number. */
    public long number(String key, long fallback) {
        Object v = values.get(key);
        return v instanceof Number n ? n.longValue() : fallback;
    }

    /** The boolean at {@code key}, or {@code fallback}. */
    public boolean flag(String key, boolean fallback) {
        Object v = values.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    /** The JSON object at {@code key}, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String key) {
        Object v = values.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
