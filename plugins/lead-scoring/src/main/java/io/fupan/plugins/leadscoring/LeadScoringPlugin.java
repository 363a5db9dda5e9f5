package io.fupan.plugins.leadscoring;

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
 * The lead-scoring plugin ({@code lead-scoring}): behaviour points, ICP fit and a predictive model per
 * tenant, summed into a score and a grade the lead list shows and sorts by. One factory per plugin
 * version; {@link #create} makes a {@link LeadScoring} per tenant and configuration. Its UI panels
 * (ui/ in the jar): the score of one lead on the lead's detail, and the focus list as a view of the lead list.
 */
@Extension
public class LeadScoringPlugin implements PluginFactory, UiPanels {

    private static final List<UiPanel> PANELS = List.of(
            new UiPanel("score", UiSlot.LEAD_DETAIL, Map.of("en", "Score", "zh-CN", "评分"), "score.js"),
            new UiPanel("focus", UiSlot.LEAD_LIST, Map.of("en", "Focus list", "zh-CN", "重点跟进"), "focus.js"));

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

    @Override
    public List<UiPanel> panels() {
        return PANELS;
    }
}
