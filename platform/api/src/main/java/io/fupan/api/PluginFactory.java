package io.fupan.api;

import org.pf4j.ExtensionPoint;

/**
 * The entry point of a plugin: one per plugin version, discovered by PF4J (annotate the
 * implementation with {@link org.pf4j.Extension @Extension}). The host asks it for an
 * {@link PluginInstance} per tenant and configuration: when a tenant enables the plugin, changes
 * its config or moves to another version, the old instance is {@linkplain PluginInstance#close()
 * closed} and a new one created.
 *
 * <p>A factory holds no tenant state; an instance holds the state of one tenant only.
 *
 * @since 0.1.0
 */
public interface PluginFactory extends ExtensionPoint {

    /**
     * Creates the plugin's instance for the tenant of {@code context}. Runs inside the host's
     * invoker (time budget, error capture); throwing refuses the tenant's activation.
     */
    PluginInstance create(PluginContext context) throws Exception;
}
