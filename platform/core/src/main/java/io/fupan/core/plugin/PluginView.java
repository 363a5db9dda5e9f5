package io.fupan.core.plugin;

import java.util.List;
import java.util.Map;

/**
 * A plugin as {@code GET /plugins} shows it to a tenant.
 *
 * @param version the version the tenant runs (pinned, else the newest installed); null when not enabled
 * @param pinned whether the tenant pinned {@code version}
 * @param plan the plugin's plan tier ({@code first-party}, {@code approved-partner}, {@code partner})
 * @param allowed whether the tenant's plan allows it
 * @param edition the edition the plan restricts it to, or null for the full plugin
 */
public record PluginView(String id, String name, String description, String version, boolean pinned,
                         List<String> availableVersions, boolean enabled, String plan, boolean allowed, String edition,
                         Map<String, Object> configSchema, Map<String, Object> config) {}
