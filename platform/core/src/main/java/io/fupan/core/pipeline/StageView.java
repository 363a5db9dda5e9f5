package io.fupan.core.pipeline;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** A stage as the API shows it; {@code healthyRange} is {@code [lo, hi]} or absent. */
public record StageView(String key, int position, String labelZh, String labelEn, String kind,
                        List<BigDecimal> healthyRange, Integer agingDays) {

    static StageView of(PipelineStage s) {
        List<BigDecimal> range = s.healthyLow() == null || s.healthyHigh() == null ? null
                : List.of(plain(s.healthyLow()), plain(s.healthyHigh()));
        return new StageView(s.key(), s.position(), s.labelZh(), s.labelEn(),
                s.kind().name().toLowerCase(Locale.ROOT), range, s.agingDays());
    }

    /** numeric(5,4) reads back as 0.4000: shown as 0.4. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
