/**
 * The plugin harness: a plugin author's tests run the plugin's {@link io.fupan.api.PluginFactory}
 * against in-memory versions of the SDK's tenant services ({@link io.fupan.testkit.plugin.PluginHarness}),
 * with no server, database or PF4J. What the harness keeps in memory follows the host's contract
 * (filters and paging of {@link io.fupan.api.data.Query}, JSON-only storage values, message lookup in
 * {@code i18n/messages*.properties}); the server's own tests check the host against the same contract.
 */
package io.fupan.testkit.plugin;
