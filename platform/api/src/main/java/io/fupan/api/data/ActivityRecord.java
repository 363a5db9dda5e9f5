package io.fupan.api.data;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An activity (call, meeting, e-mail, …) as a plugin reads it.
 *
 * @since 0.1.0
 */
public record ActivityRecord(UUID id, String externalId, String type, OffsetDateTime occurredAt, String subject,
                             UUID leadId, UUID contactId, UUID opportunityId, UUID ownerId,
                             OffsetDateTime createdAt) {}
