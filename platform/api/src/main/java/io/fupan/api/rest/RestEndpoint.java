package io.fupan.api.rest;

/**
 * A capability of a {@link io.fupan.api.PluginInstance}: it answers HTTP calls under
 * {@code /api/v1/plugins/{pluginId}/…} for its tenant. The host has already authenticated the
 * caller and checked that the tenant enabled the plugin (else 404); the endpoint decides by
 * {@link PluginRequest#user()}'s roles what the caller may do.
 *
 * @since 0.1.0
 */
public interface RestEndpoint {

    /**
     * Answers one call. A throw becomes a {@code 502} problem for this call ({@code plugin-failed}),
     * running past the plugin's time budget a {@code 504} ({@code plugin-timeout}).
     */
    PluginResponse handle(PluginRequest request) throws Exception;
}
