package io.fupan.core.tenant.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's choice for one plugin, as in its tenant-config file.
 *
 * @param version the pinned version (semver), or {@code null} when the tenant follows the newest
 * @param config the plugin's configuration as plain values (String, Integer, Long, BigInteger,
 *     Double, Boolean, List, Map, null), empty for the plugin's defaults; checked against the
 *     plugin's own schema when the plugin loads, not here
 */
public record TenantPluginSetting(String id, boolean enabled, String version, Map<String, Object> config) {

    public TenantPluginSetting {
        Objects.requireNonNull(id, "id");
        config = config == null ? Map.of() : frozen(config);
    }

    // Map.copyOf rejects null values, which a YAML config may hold; copy by hand, all the way down,
    // so that a setting shared between requests cannot be changed by one of them.
    @SuppressWarnings("unchecked")
    private static <T> T frozen(T value) {
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, frozen(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(TenantPluginSetting::frozen).toList();
        }
        return value;
    }
}
