package io.fupan.core.user;

import io.fupan.core.record.Versioned;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user of the tenant as the API shows it; {@code version} is its ETag. */
public record UserView(UUID id, String username, String displayName, String email, boolean active, UUID teamId,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) implements Versioned {

    static UserView of(AppUser u) {
        return new UserView(u.id(), u.username(), u.displayName(), u.email(), u.active(), u.teamId(), u.createdAt(),
                u.updatedAt(), u.version());
    }
}
