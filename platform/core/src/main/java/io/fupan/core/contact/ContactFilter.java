package io.fupan.core.contact;

import java.util.UUID;

/** List filters: each null means "any"; {@code q} matches the name or the e-mail address. */
public record ContactFilter(String q, UUID accountId, UUID ownerId, String buyingRole, String externalId) {}
