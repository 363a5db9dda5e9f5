package io.fupan.core.lead;

import java.math.BigDecimal;

/**
 * A lead's score as the API shows it (API.md: {@code score: {total, behavior, fit, predicted, grade}}),
 * written by a scoring plugin.
 *
 * @param predicted the model's probability of conversion (0–1), null before a model is trained
 */
public record LeadScoreView(BigDecimal total, BigDecimal behavior, BigDecimal fit, Double predicted, String grade) {}
