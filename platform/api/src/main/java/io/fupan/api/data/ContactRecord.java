package io.fupan.api.data;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A contact (a person at an account) as a plugin reads it.
 *
 * @since 0.1.0
 */
public record ContactRecord(UUID id, String externalId, String name, UUID accountId, String title, String department,
                            String email, UUID reportsToId, String buyingRole, UUID ownerId,
                            OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
