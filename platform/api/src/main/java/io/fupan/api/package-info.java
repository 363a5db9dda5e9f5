/**
 * The Fupan plugin SDK: the only artifact a plugin compiles against.
 *
 * <p>Everything here is a stable, semantically versioned contract ({@link io.fupan.api.ApiVersion})
 * between the platform and plugins written by strangers: values that cross the boundary are
 * records, and nothing exposes persistence, JDBC or core classes.
 *
 * <p>A plugin is a PF4J jar whose manifest names its id, version, the API range it needs and its
 * plan tier (see {@code docs/plugins.md}). Its {@link io.fupan.api.PluginFactory} (an
 * {@link org.pf4j.Extension @Extension}) makes one {@link io.fupan.api.PluginInstance} per tenant
 * from a {@link io.fupan.api.PluginContext}; the instance contributes endpoints
 * ({@link io.fupan.api.rest}), event listeners ({@link io.fupan.api.event}) and jobs
 * ({@link io.fupan.api.job}), and reads tenant data through {@link io.fupan.api.data}, keeps its
 * own state in {@link io.fupan.api.storage} and speaks through {@link io.fupan.api.i18n}.
 *
 * @since 0.1.0
 */
package io.fupan.api;
