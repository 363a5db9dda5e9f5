package io.fupan.core.lead;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * List filters: each null means "any"; {@code q} matches name, company or e-mail; {@code statuses}
 * any of them; created in {@code [createdFrom, createdTo)}; {@code custom} by attribute key; a score total of at
 * least {@code minScore}; a grade among {@code grades}.
 */
public record LeadFilter(String q, List<String> statuses, String channel, UUID ownerId, String industry, String region,
                         String externalId, OffsetDateTime createdFrom, OffsetDateTime createdTo,
                         Map<String, String> custom, java.math.BigDecimal minScore, List<String> grades) {}
