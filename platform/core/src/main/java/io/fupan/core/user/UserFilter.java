package io.fupan.core.user;

import java.util.UUID;

/** User list filters: each null means "any"; {@code q} matches the user name, display name or e-mail. */
public record UserFilter(String q, UUID teamId, Boolean active) {}
