package io.fupan.core.user;

import java.util.UUID;

/** Team list filters: each null means "any"; {@code q} matches the name. */
public record TeamFilter(String q, UUID managerId) {}
