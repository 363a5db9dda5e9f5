/**
 * The plugin host (DESIGN.md "Plugins", "Events"): the {@link io.fupan.core.plugin.PluginCatalog} installs
 * plugin jars from the plugin directory after checking checksum, descriptor and API range, one PF4J
 * manager per version so that versions run side by side; {@link io.fupan.core.plugin.TenantPlugins}
 * keeps each tenant's choice (enabled, pinned version, config validated against the plugin's
 * schema, plan gating) and its live instance; every call into plugin code goes through the
 * {@link io.fupan.core.plugin.PluginInvoker} (own bounded pool, context class loader, time budget,
 * error capture, metric). {@link io.fupan.core.plugin.PluginData} is the tenant data a plugin reaches
 * through the API's services; {@link io.fupan.core.plugin.EventDispatcher} delivers the transactional
 * outbox (written by database triggers) to listeners, and {@link io.fupan.core.plugin.PluginJobs}
 * runs scheduled jobs per tenant.
 */
package io.fupan.core.plugin;
