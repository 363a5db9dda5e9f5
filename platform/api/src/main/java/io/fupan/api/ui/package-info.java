/**
 * UI panels: screens and sections of the web UI that a plugin contributes. A plugin's
 * {@link io.fupan.api.PluginFactory} that also implements {@link io.fupan.api.ui.UiPanels} declares them;
 * each is an ES module in the plugin jar's {@code ui/} folder, which the host serves (without a token:
 * it is code, not tenant data) and mounts in its {@linkplain io.fupan.api.ui.UiSlot slot} for the tenants
 * that enabled the plugin. The module's contract ({@code export function mount(el, ctx)}) is described
 * in the project's {@code docs/plugins.md}.
 *
 * @since 0.3.0
 */
package io.fupan.api.ui;
