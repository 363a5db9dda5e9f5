package io.fupan.core.opportunity;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * List filters: each null means "any"; {@code q} matches the name; {@code createdFrom} and
 * {@code createdTo} bound the creation time as {@code [from, to)}; {@code closed} is won or lost.
 */
public record OpportunityFilter(String q, String stage, UUID ownerId, UUID accountId, UUID leadId, String channel,
                                String industry, String region, String externalId, OffsetDateTime createdFrom,
                                OffsetDateTime createdTo, Boolean closed, Map<String, String> custom) {}
