package io.fupan.api.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An opportunity as a plugin reads it.
 *
 * @param stageEnteredAt when it entered its current stage (stage aging starts there)
 * @param closedAt when it entered a won or lost stage, else null
 * @since 0.1.0
 */
public record OpportunityRecord(UUID id, String externalId, String name, UUID accountId, UUID ownerId,
                                BigDecimal amount, String currency, String channel, String industry, String region,
                                String stage, OffsetDateTime stageEnteredAt, LocalDate closeDate,
                                OffsetDateTime closedAt, UUID leadId, Map<String, Object> custom,
                                OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
