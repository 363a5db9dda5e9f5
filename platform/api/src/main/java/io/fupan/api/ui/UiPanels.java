package io.fupan.api.ui;

import java.util.List;

/**
 * A capability of a {@link io.fupan.api.PluginFactory}: the UI panels the plugin contributes. They
 * belong to the plugin version, not to a tenant: the host asks once when it loads the version, checks
 * each panel's module is in the jar's {@code ui/} folder (else it refuses the jar), and lists the
 * panels to the users of every tenant that enabled this version, in the order given here.
 *
 * @since 0.3.0
 */
public interface UiPanels {

    /** The panels of this plugin version; ids unique within the plugin. */
    List<UiPanel> panels();
}
