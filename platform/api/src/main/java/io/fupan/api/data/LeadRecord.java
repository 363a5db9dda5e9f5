package io.fupan.api.data;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A lead as a plugin reads it.
 *
 * @since 0.1.0
 */
public record LeadRecord(UUID id, String externalId, String name, String company, String email, String channel,
                         String industry, String region, Integer employees, String status,
                         OffsetDateTime statusChangedAt, UUID ownerId, UUID convertedOpportunityId,
                         Map<String, Object> custom, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
