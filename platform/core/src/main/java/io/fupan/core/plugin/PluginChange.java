package io.fupan.core.plugin;

import java.util.Map;

/**
 * A tenant admin's change to one plugin ({@code PUT /plugins/{id}}): each part null when not sent.
 *
 * @param versionSent whether {@code version} was sent at all (null then unpins: follow the newest)
 * @param config the new config, or null to keep the current one
 */
public record PluginChange(Boolean enabled, boolean versionSent, String version, Map<String, Object> config) {}
