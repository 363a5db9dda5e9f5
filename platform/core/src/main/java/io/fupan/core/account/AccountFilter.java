package io.fupan.core.account;

import java.util.Map;
import java.util.UUID;

/** List filters: each null means "any"; {@code q} matches the name; {@code custom} by attribute key. */
public record AccountFilter(String q, String industry, String region, String tier, UUID ownerId, UUID parentId,
                            String externalId, Map<String, String> custom) {}
