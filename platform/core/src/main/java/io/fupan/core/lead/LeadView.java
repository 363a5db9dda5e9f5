package io.fupan.core.lead;

import io.fupan.core.record.Versioned;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A lead as the API shows it; {@code version} is its ETag. */
public record LeadView(UUID id, String externalId, String name, String company, String email, String phone,
                       String channel, String industry, String region, Integer employees, String status,
                       OffsetDateTime statusChangedAt, UUID ownerId, UUID convertedAccountId, UUID convertedContactId,
                       UUID convertedOpportunityId, boolean shared, Map<String, Object> custom, LeadScoreView score,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) implements Versioned {

    /** The lead with its score ({@code score} null: not scored). */
    static LeadView of(Lead l, LeadScore score) {
        return new LeadView(l.id(), l.externalId(), l.name(), l.company(), l.email(), l.phone(), l.channel(),
                l.industry(), l.region(), l.employees(), l.status(), l.statusChangedAt(), l.ownerId(),
                l.convertedAccountId(), l.convertedContactId(), l.convertedOpportunityId(), l.shared(), l.custom(),
                score == null ? null : score.view(), l.createdAt(), l.updatedAt(), l.version());
    }
}
