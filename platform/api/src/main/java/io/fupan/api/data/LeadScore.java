package io.fupan.api.data;

import java.math.BigDecimal;

/**
 * A lead's score as the lead list shows it.
 *
 * @param total the score the list sorts by
 * @param behavior points from behaviour (activities), or null
 * @param fit points from attributes (ideal-customer fit), or null
 * @param predicted the model's probability of conversion (0–1), or null before a model is trained
 * @param grade {@code A}, {@code B}, {@code C} or {@code D}, or null
 * @since 0.2.0
 */
public record LeadScore(BigDecimal total, BigDecimal behavior, BigDecimal fit, Double predicted, String grade) {

    public LeadScore {
        if (total == null) {
            throw new IllegalArgumentException("a lead score has a total");
        }
        if (predicted != null && (predicted < 0 || predicted > 1 || predicted.isNaN())) {
            throw new IllegalArgumentException("predicted is a probability (0..1), was " + predicted);
        }
        if (grade != null && !grade.matches("[A-D]")) {
            throw new IllegalArgumentException("grade is A, B, C or D, was " + grade);
        }
    }
}
