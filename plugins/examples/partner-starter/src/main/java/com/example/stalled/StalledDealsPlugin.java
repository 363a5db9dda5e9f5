package com.example.stalled;

import io.fupan.api.PluginContext;
import io.fupan.api.PluginFactory;
import io.fupan.api.PluginInstance;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * Stalled deal alerts: flags open opportunities that stay in a stage longer than the stage's
 * threshold (configured per stage, else the pipeline's aging benchmark, else a default), keeps the
 * alerts in the plugin's storage, clears an alert when its deal moves or closes, rescans every hour,
 * and serves {@code GET /api/v1/plugins/stalled-deals/alerts} and {@code POST …/scan}.
 */
@Extension
public class StalledDealsPlugin implements PluginFactory {

    private final Clock clock;

    /** The factory PF4J makes. */
    public StalledDealsPlugin() {
        this(Clock.systemUTC());
    }

    /** A factory on another clock, for tests. */
    public StalledDealsPlugin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new StalledDeals(context, clock);
    }
}
