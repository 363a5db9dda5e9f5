package io.fupan.core.tenant.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan as written in {@code tenant-config/plans/<id>.yaml}: which plugins its tenants may
 * enable and the limits they run under.
 *
 * @param names display name by UI locale; always has {@link Locale#ENGLISH}
 */
public record PlanDefinition(String id, Map<Locale, String> names, PluginAllowance plugins, Limits limits) {

    public PlanDefinition {
        Objects.requireNonNull(id, "id");
        names = Map.copyOf(names);
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(limits, "limits");
        if (!names.containsKey(Locale.ENGLISH)) {
            throw new IllegalArgumentException("plan " + id + " has no English name");
        }
    }

    /** The name in {@code locale}, else in its language, else in English. */
    public String name(Locale locale) {
        String exact = names.get(locale);
        if (exact != null) {
            return exact;
        }
        return names.getOrDefault(Locale.forLanguageTag(locale.getLanguage()), names.get(Locale.ENGLISH));
    }

    /**
     * The plugins a plan allows: every plugin of one of {@code tiers} (as its descriptor declares),
     * plus the plugins named in {@code include}; {@code editions} restricts some of them to an
     * edition (e.g. review-dashboards: lite). A plugin not in {@code editions} runs in full.
     */
    public record PluginAllowance(List<String> tiers, List<String> include, Map<String, String> editions) {

        public PluginAllowance {
            tiers = List.copyOf(tiers);
            include = List.copyOf(include);
            editions = Map.copyOf(editions);
        }

        public boolean allows(String pluginId, String tier) {
            return include.contains(pluginId) || tiers.contains(tier);
        }

        /** The edition this plan restricts the plugin to, or empty for the full plugin. */
        public Optional<String> edition(String pluginId) {
            return Optional.ofNullable(editions.get(pluginId));
        }
    }

    /** Per-tenant limits; past the API ones a request gets 429 or 413 (API.md, "Limits"). */
    public record Limits(int users, long records, int apiRequestsPerMinute, long maxRequestBodyBytes, long storageMb) {}
}
