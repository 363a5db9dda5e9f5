package io.fupan.plugins.leadscoring.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lead's score as the plugin last computed and wrote it.
 *
 * @param fitMatched ids of the fit rules the lead matched
 * @param predicted P(converted), or null (no model, or a closed lead)
 */
public record LeadState(UUID leadId, UUID ownerId, String status, BigDecimal behavior, BigDecimal fit,
                        List<String> fitMatched, Double predicted, BigDecimal total, String grade, Instant scoredAt) {

    public LeadState {
        fitMatched = List.copyOf(fitMatched);
    }
}
