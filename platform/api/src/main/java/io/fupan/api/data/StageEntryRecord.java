package io.fupan.api.data;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One entry of an opportunity into a stage.
 *
 * @param movedById the user who moved it, null for the system or an import
 * @since 0.1.0
 */
public record StageEntryRecord(UUID id, UUID opportunityId, String stage, OffsetDateTime enteredAt, UUID movedById) {}
