package io.fupan.api.event;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An opportunity entered a won or lost stage.
 *
 * @since 0.1.0
 */
public record OpportunityClosed(UUID eventId, UUID recordId, OffsetDateTime occurredAt, String stage, boolean won,
                                BigDecimal amount, String currency) implements DomainEvent {

    /** Type name: {@value}. */
    public static final String TYPE = "opportunity.closed";

    @Override
    public String type() {
        return TYPE;
    }
}
