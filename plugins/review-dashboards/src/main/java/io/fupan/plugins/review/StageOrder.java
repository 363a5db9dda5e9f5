package io.fupan.plugins.review;

import io.fupan.api.data.Pipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's order as METRICS.md "Reached" counts it: the open stages by position, then the won
 * stage last; lost stages are outside the order (position 0).
 */
final class StageOrder {

    private final Pipeline pipeline;
    private final List<Pipeline.Stage> ordered;

    StageOrder(Pipeline pipeline) {
        this.pipeline = pipeline;
        List<Pipeline.Stage> open = new ArrayList<>(pipeline.stages().stream().filter(Pipeline.Stage::open).toList());
        open.sort(Comparator.comparingInt(Pipeline.Stage::position));
        List<Pipeline.Stage> won = new ArrayList<>(pipeline.stages().stream().filter(s -> "won".equals(s.kind())).toList());
        won.sort(Comparator.comparingInt(Pipeline.Stage::position));
        open.addAll(won);
        this.ordered = List.copyOf(open);
    }

    /** The stages of the order, first to won. */
    List<Pipeline.Stage> stages() {
        return ordered;
    }

    int size() {
        return ordered.size();
    }

    /** How many open stages lead the order: a position above it is a won stage's. */
    int openStages() {
        return (int) ordered.stream().filter(Pipeline.Stage::open).count();
    }

    /** 1-based position of {@code key} in the order; 0 for a lost stage or one the pipeline lacks. */
    int position(String key) {
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).key().equals(key)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** 0 open, 1 won, 2 lost: the kind of {@code key}. */
    int outcome(String key) {
        Optional<Pipeline.Stage> s = pipeline.stage(key);
        if (s.isEmpty() || s.get().open()) {
            return 0;
        }
        return "won".equals(s.get().kind()) ? 1 : 2;
    }

    /** What the facts depend on: a change of it means the facts are rebuilt. */
    String signature() {
        StringBuilder b = new StringBuilder();
        for (Pipeline.Stage s : ordered) {
            b.append(s.key()).append(',');
        }
        b.append('|');
        pipeline.stages().stream().filter(s -> "lost".equals(s.kind())).forEach(s -> b.append(s.key()).append(','));
        return b.toString();
    }
}
