package io.fupan.core.plugin;

import io.fupan.api.ui.UiPanel;
import java.util.Map;

/**
 * A UI panel as {@code GET /ui/panels} lists it to a user of a tenant that enabled its plugin.
 *
 * @param plugin the plugin's id
 * @param version the plugin version the tenant runs
 * @param id the panel's id, unique within the plugin
 * @param slot where it appears ({@code page}, {@code lead-list}, {@code lead-detail}, {@code opportunity-detail})
 * @param title the title by language tag ({@code en} always present)
 * @param assets the base of the plugin's UI files, relative to the server root and versioned by the jar's build
 *               ({@code plugin-ui/<plugin>/<version>/<build>/}); served without a token, cached for a year
 * @param module the module to import, relative to {@code assets}
 */
public record UiPanelView(String plugin, String version, String id, String slot, Map<String, String> title,
                          String assets, String module) {

    /** Where a plugin version's UI files are served, relative to the server root. */
    public static String assets(LoadedPlugin p) {
        return "plugin-ui/" + p.descriptor().id() + "/" + p.descriptor().version() + "/" + p.build() + "/";
    }

    static UiPanelView of(LoadedPlugin p, UiPanel panel) {
        return new UiPanelView(p.descriptor().id(), p.descriptor().version(), panel.id(), panel.slot().code(),
                new java.util.TreeMap<>(panel.titles()), assets(p), panel.module());
    }
}
