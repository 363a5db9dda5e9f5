package io.fupan.core.contact;

import io.fupan.core.record.Versioned;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A contact as the API shows it; {@code version} is its ETag. */
public record ContactView(UUID id, String externalId, String name, UUID accountId, String title, String department,
                          String email, String phone, UUID reportsToId, String buyingRole, UUID ownerId,
                          boolean shared, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) implements Versioned {

    static ContactView of(Contact c) {
        return new ContactView(c.id(), c.externalId(), c.name(), c.accountId(), c.title(), c.department(), c.email(),
                c.phone(), c.reportsToId(), c.buyingRole(), c.ownerId(), c.shared(), c.createdAt(), c.updatedAt(),
                c.version());
    }
}
