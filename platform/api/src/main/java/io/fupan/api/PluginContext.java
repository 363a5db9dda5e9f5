package io.fupan.api;

import io.fupan.api.data.Changes;
import io.fupan.api.data.Pipeline;
import io.fupan.api.data.Records;
import io.fupan.api.i18n.Messages;
import io.fupan.api.storage.PluginStorage;
import io.fupan.api.storage.PluginTables;
import java.util.Optional;

/**
 * What the host gives a plugin instance: who it works for, its config, and services bound to that
 * tenant and this plugin. A plugin reaches tenant data only through these services; each call
 * runs in its own transaction, under the tenant's row-level security.
 *
 * @since 0.1.0
 */
public interface PluginContext {

    /** The plugin's id, as in its descriptor. */
    String pluginId();

    /** The plugin version this instance runs. */
    String version();

    /** The tenant this instance works for. */
    TenantInfo tenant();

    /** The edition the tenant's plan restricts this plugin to (e.g. {@code lite}); empty for the full plugin. */
    Optional<String> edition();

    /** The tenant's configuration of this plugin, validated against the plugin's schema. */
    PluginConfig config();

    /** Read access to the tenant's core records. */
    Records records();

    /**
     * Changes to the tenant's core records, made as {@code plugin:<id>}.
     *
     * @since 0.2.0
     */
    Changes changes();

    /** The tenant's pipeline: its stages, in order, with their benchmarks. */
    Pipeline pipeline();

    /**
     * The tenant's currency conversion table, as it is now (its admins may change it at any time).
     *
     * @since 0.3.0
     */
    io.fupan.api.data.CurrencyTable currencies();

    /** This plugin's own key/value storage for this tenant; no other plugin or tenant sees it. */
    PluginStorage storage();

    /**
     * SQL over this plugin's own tables for this tenant (created by the migrations its descriptor
     * names); see {@link PluginTables}.
     *
     * @throws IllegalStateException when the plugin declares no migrations
     * @since 0.2.0
     */
    PluginTables tables();

    /** The plugin's messages ({@code i18n/messages*.properties} in its jar) in the tenant's or caller's language. */
    Messages messages();
}
