package io.fupan.core.pipeline;

import io.fupan.core.pipeline.PipelineStage.Kind;
import java.math.BigDecimal;
import java.util.List;

/** The funnel of a typical B2B sale (线索 → 赢单), METRICS.md "The pipeline": every new tenant starts with it. */
public final class DefaultPipeline {

    private DefaultPipeline() {}

    public static List<PipelineStage> stages() {
        return List.of(
                new PipelineStage("contacted", 1, "联系接触", "Contacted", Kind.OPEN, null, null, 14),
                new PipelineStage("needs_confirmed", 2, "需求确认", "Needs confirmed", Kind.OPEN,
                        new BigDecimal("0.40"), new BigDecimal("0.55"), 21),
                new PipelineStage("solution_demo", 3, "方案演示", "Solution demo", Kind.OPEN, null, null, 21),
                new PipelineStage("quote", 4, "报价", "Quote", Kind.OPEN, null, null, 14),
                new PipelineStage("negotiation", 5, "商务谈判", "Negotiation", Kind.OPEN,
                        new BigDecimal("0.25"), new BigDecimal("0.35"), 30),
                new PipelineStage("won", 6, "赢单", "Won", Kind.WON, null, null, null),
                new PipelineStage("lost", 99, "输单", "Lost", Kind.LOST, null, null, null));
    }
}
