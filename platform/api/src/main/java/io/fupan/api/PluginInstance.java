package io.fupan.api;

/**
 * A plugin working for one tenant with one configuration. What it contributes is told by the
 * capability interfaces it also implements:
 * {@link io.fupan.api.rest.RestEndpoint} (endpoints under {@code /api/v1/plugins/{id}/…}),
 * {@link io.fupan.api.event.EventListener} (domain events after commit) and
 * {@link io.fupan.api.job.JobProvider} (scheduled jobs run for this tenant). UI panels are declared by
 * the plugin's factory instead ({@link io.fupan.api.ui.UiPanels}): they belong to the version, not to a tenant.
 *
 * <p>Every call into an instance goes through the host's invoker, one call at a time per request:
 * it runs on a thread of the plugin's own bounded pool, within a time budget; a throw or a timeout
 * fails that call only.
 *
 * @since 0.1.0
 */
public interface PluginInstance {

    /** Releases what the instance holds; called when the tenant disables, reconfigures or re-pins the plugin. */
    default void close() {}
}
