package io.fupan.core.plugin;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a plugin jar declares about itself, read from its manifest and checked (see {@link PluginArchive}).
 *
 * @param id {@code Plugin-Id}
 * @param version {@code Plugin-Version} (semver)
 * @param name {@code Fupan-Plugin-Name}, else the id
 * @param tier {@code Fupan-Plan-Tier}: {@code first-party}, {@code approved-partner} or {@code partner}
 * @param requires {@code Plugin-Requires}: the API range, e.g. {@code >=0.1.0 & <1.0.0}
 * @param dependencies {@code Plugin-Dependencies}: other plugin ids with a version range ({@code *} for any)
 * @param configSchema the JSON Schema of its config ({@code Fupan-Config-Schema}, a path in the jar), or null
 * @param sha256 the jar's SHA-256, as its checksum file states and the jar matches
 * @param migrations {@code Fupan-Migrations}: the folder in the jar with the Flyway scripts of the plugin's own
 *                   tables ({@code V1__what.sql}, …), or null for a plugin without tables
 * @param callBudgets {@code Fupan-Call-Budgets}: endpoint paths (a path and what lies below it) whose calls
 *                    may run longer than the default budget, e.g. {@code model/train=120s}
 */
public record PluginDescriptor(String id, String version, String name, String description, String tier,
                               String requires, Map<String, String> dependencies, String configSchema, Path jar,
                               String sha256, String migrations, Map<String, java.time.Duration> callBudgets) {

    /** The longest budget a plugin may ask for one call. */
    public static final java.time.Duration MAX_CALL_BUDGET = java.time.Duration.ofMinutes(10);

    public PluginDescriptor {
        dependencies = Map.copyOf(dependencies);
        callBudgets = callBudgets == null ? Map.of() : Map.copyOf(callBudgets);
    }

    /** The budget of a call of the endpoint at {@code path}: the declared one, else {@code otherwise}. */
    public java.time.Duration budgetFor(String path, java.time.Duration otherwise) {
        java.time.Duration best = null;
        int bestLength = -1;
        for (Map.Entry<String, java.time.Duration> e : callBudgets.entrySet()) {
            String prefix = e.getKey();
            if ((path.equals(prefix) || path.startsWith(prefix + "/")) && prefix.length() > bestLength) {
                best = e.getValue();
                bestLength = prefix.length();
            }
        }
        return best == null ? otherwise : best;
    }

    /** {@code id@version}: the key of one installed version. */
    public String key() {
        return id + "@" + version;
    }
}
