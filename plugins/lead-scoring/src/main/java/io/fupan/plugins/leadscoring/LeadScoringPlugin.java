package io.fupan.plugins.leadscoring;

import io.fupan.api.PluginContext;
import io.fupan.api.PluginFactory;
import io.fupan.api.PluginInstance;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * The lead-scoring plugin ({@code lead-scoring}): behaviour points, ICP fit and a predictive model per
 * tenant, summed into a score and a grade the lead list shows and sorts by. One factory per plugin
 * version; {@link #create} makes a {@link LeadScoring} per tenant and configuration.
 */
@Extension
public class LeadScoringPlugin implements PluginFactory {

    private final Clock clock;

    /** The factory PF4J makes: the system clock. */
    public LeadScoringPlugin() {
        this(Clock.systemUTC());
    }

    /** A factory on another clock, for tests (decay and recency at a fixed instant). */
    public LeadScoringPlugin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PluginInstance create(PluginContext context) {
        return new LeadScoring(context, clock);
    }
}
