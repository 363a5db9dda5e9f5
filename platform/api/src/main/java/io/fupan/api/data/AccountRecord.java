package io.fupan.api.data;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An account (a customer organisation) as a plugin reads it.
 *
 * @since 0.1.0
 */
public record AccountRecord(UUID id, String externalId, String name, String industry, String region, Integer employees,
                            BigDecimal annualRevenue, String tier, UUID parentId, UUID ownerId,
                            Map<String, Object> custom, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
