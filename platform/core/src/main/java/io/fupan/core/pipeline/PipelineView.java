package io.fupan.core.pipeline;

import java.util.List;

/** The tenant's pipeline: its stages in order of position. */
public record PipelineView(List<StageView> stages) {

    public static PipelineView of(List<PipelineStage> stages) {
        return new PipelineView(stages.stream().map(StageView::of).toList());
    }
}
