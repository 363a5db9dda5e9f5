package io.fupan.core.opportunity;

import io.fupan.core.record.Versioned;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** An opportunity as the API shows it; {@code version} is its ETag. */
public record OpportunityView(UUID id, String externalId, String name, UUID accountId, UUID ownerId, BigDecimal amount,
                              String currency, String channel, String industry, String region, String stage,
                              OffsetDateTime stageEnteredAt, LocalDate closeDate, OffsetDateTime closedAt, UUID leadId,
                              boolean shared, Map<String, Object> custom, OffsetDateTime createdAt,
                              OffsetDateTime updatedAt, long version) implements Versioned {

    static OpportunityView of(Opportunity o) {
        return new OpportunityView(o.id(), o.externalId(), o.name(), o.accountId(), o.ownerId(), o.amount(),
                o.currency(), o.channel(), o.industry(), o.region(), o.stage(), o.stageEnteredAt(), o.closeDate(),
                o.closedAt(), o.leadId(), o.shared(), o.custom(), o.createdAt(), o.updatedAt(), o.version());
    }
}
