package io.fupan.api.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An activity (call, meeting, e-mail, …) was recorded; {@code recordId} is the activity.
 *
 * @since 0.1.0
 */
public record ActivityRecorded(UUID eventId, UUID recordId, OffsetDateTime occurredAt, String activityType,
                               UUID opportunityId, UUID leadId, UUID contactId) implements DomainEvent {

    /** Type name: {@value}. */
    public static final String TYPE = "activity.recorded";

    @Override
    public String type() {
        return TYPE;
    }
}
