package io.fupan.core.tenant;

/** A tenant's setting for one plugin; {@code version} is null when the tenant follows the newest. */
public record PluginChoice(String pluginId, boolean enabled, String version, String configJson) {}
