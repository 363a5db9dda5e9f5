package io.fupan.api.data;

import java.util.UUID;

/**
 * A user of the tenant as a plugin reads it.
 *
 * @param username the sign-in name (an e-mail address): the key reports group owners by
 * @param teamId the user's team, or null
 * @param active whether the user may sign in
 * @since 0.2.0
 */
public record UserRecord(UUID id, String username, String displayName, String email, UUID teamId, boolean active) {}
