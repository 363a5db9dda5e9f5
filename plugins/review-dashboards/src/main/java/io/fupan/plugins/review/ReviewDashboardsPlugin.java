package io.fupan.plugins.review;

import io.fupan.api.PluginContext;
import io.fupan.api.PluginFactory;
import io.fupan.api.PluginInstance;
import io.fupan.api.ui.UiPanel;
import io.fupan.api.ui.UiPanels;
import io.fupan.api.ui.UiSlot;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Review dashboards (商机复盘): the funnel and the other figures of METRICS.md for a tenant, kept real
 * time from the tenant's events in the plugin's own tables. One factory per plugin version; it makes
 * one {@link ReviewDashboards} per tenant and config. Its UI: the review page (ui/review.js in the jar),
 * a screen of its own in the web UI's navigation.
 */
@Extension
public class ReviewDashboardsPlugin implements PluginFactory, UiPanels {

    private static final List<UiPanel> PANELS = List.of(
            new UiPanel("review", UiSlot.PAGE, Map.of("en", "Review", "zh-CN", "复盘"), "review.js"));

    private final Clock clock;

    /** The factory PF4J makes. */
    public ReviewDashboardsPlugin() {
        this(Clock.systemUTC());
    }

    /** A factory on another clock ("now" of windows without an end), for tests. */
    public ReviewDashboardsPlugin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new ReviewDashboards(context, clock);
    }

    @Override
    public List<UiPanel> panels() {
        return PANELS;
    }
}
