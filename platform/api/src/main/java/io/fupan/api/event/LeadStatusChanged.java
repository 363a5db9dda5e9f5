package io.fupan.api.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A lead entered another status ({@code new}, {@code contacted}, {@code mql}, {@code sql},
 * {@code converted}, {@code disqualified}).
 *
 * @since 0.2.0
 */
public record LeadStatusChanged(UUID eventId, UUID recordId, OffsetDateTime occurredAt, String fromStatus,
                                String toStatus) implements DomainEvent {

    /** Type name: {@value}. */
    public static final String TYPE = "lead.status-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
