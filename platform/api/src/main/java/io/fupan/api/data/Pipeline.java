package io.fupan.api.data;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's pipeline: open stages in order, then the won stage, then the lost stage(s).
 *
 * @since 0.1.0
 */
public record Pipeline(List<Stage> stages) {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    /** The stage with {@code key}. */
    public Optional<Stage> stage(String key) {
        return stages.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * One stage.
     *
     * @param kind {@code open}, {@code won} or {@code lost}
     * @param healthyLow low end of the healthy conversion rate to the next stage (0–1), or null
     * @param healthyHigh high end of that range, or null
     * @param agingDays how many days in this stage the tenant considers normal, or null
     */
    public record Stage(String key, int position, String labelEn, String labelZh, String kind, BigDecimal healthyLow,
                        BigDecimal healthyHigh, Integer agingDays) {

        /** Whether deals move on from here (not won, not lost). */
        public boolean open() {
            return "open".equals(kind);
        }
    }
}
