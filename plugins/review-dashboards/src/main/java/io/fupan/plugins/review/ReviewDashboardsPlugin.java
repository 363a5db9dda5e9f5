package io.fupan.plugins.review;

import io.fupan.api.PluginContext;
import io.fupan.api.PluginFactory;
import io.fupan.api.PluginInstance;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * Review dashboards (商机复盘): the funnel and the other figures of METRICS.md for a tenant, kept real
 * time from the tenant's events in the plugin's own tables. One factory per plugin version; it makes
 * one {@link ReviewDashboards} per tenant and config.
 */
@Extension
public class ReviewDashboardsPlugin implements PluginFactory {

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
}
