package io.fupan.api.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A lead was created (by hand, by import or by an integration).
 *
 * @since 0.1.0
 */
public record LeadCreated(UUID eventId, UUID recordId, OffsetDateTime occurredAt, String channel, String status,
                          UUID ownerId) implements DomainEvent {

    /** Type name: {@value}. */
    public static final String TYPE = "lead.created";

    @Override
    public String type() {
        return TYPE;
    }
}
