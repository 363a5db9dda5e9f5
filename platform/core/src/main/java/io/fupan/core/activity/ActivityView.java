package io.fupan.core.activity;

import io.fupan.core.record.Versioned;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An activity as the API shows it; {@code version} is its ETag. */
public record ActivityView(UUID id, String externalId, String type, OffsetDateTime occurredAt, String subject,
                           String detail, UUID leadId, UUID contactId, UUID opportunityId, UUID ownerId,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) implements Versioned {

    static ActivityView of(Activity a) {
        return new ActivityView(a.id(), a.externalId(), a.type(), a.occurredAt(), a.subject(), a.detail(), a.leadId(),
                a.contactId(), a.opportunityId(), a.ownerId(), a.createdAt(), a.updatedAt(), a.version());
    }
}
