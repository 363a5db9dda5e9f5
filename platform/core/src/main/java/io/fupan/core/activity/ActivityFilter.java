package io.fupan.core.activity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** List filters: each null means "any"; {@code occurredFrom} and {@code occurredTo} both include their bound. */
public record ActivityFilter(UUID leadId, UUID contactId, UUID opportunityId, String type, UUID ownerId,
                             OffsetDateTime occurredFrom, OffsetDateTime occurredTo) {}
