package io.fupan.core.user;

import io.fupan.core.record.Versioned;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A team as the API shows it; its members are the users listed with {@code teamId}. */
public record TeamView(UUID id, String name, UUID managerId, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                       long version) implements Versioned {

    static TeamView of(Team t) {
        return new TeamView(t.id(), t.name(), t.managerId(), t.createdAt(), t.updatedAt(), t.version());
    }
}
