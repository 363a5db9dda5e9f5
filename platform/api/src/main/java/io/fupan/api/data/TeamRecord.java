package io.fupan.api.data;

import java.util.UUID;

/**
 * A team of the tenant as a plugin reads it.
 *
 * @param managerId the team's manager, or null
 * @since 0.2.0
 */
public record TeamRecord(UUID id, String name, UUID managerId) {}
