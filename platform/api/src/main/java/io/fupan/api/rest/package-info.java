/**
 * REST sub-resources of a plugin, served by the host under {@code /api/v1/plugins/{pluginId}/…}:
 * a plain request/response contract, free of JAX-RS, so that a plugin can be tested without a
 * server.
 *
 * @since 0.1.0
 */
package io.fupan.api.rest;
