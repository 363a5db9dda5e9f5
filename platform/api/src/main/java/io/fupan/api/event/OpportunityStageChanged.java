package io.fupan.api.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An opportunity entered another stage; {@code fromStage} is null for a new opportunity.
 *
 * @since 0.1.0
 */
public record OpportunityStageChanged(UUID eventId, UUID recordId, OffsetDateTime occurredAt, String fromStage,
                                      String toStage, UUID movedById) implements DomainEvent {

    /** Type name: {@value}. */
    public static final String TYPE = "opportunity.stage-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
