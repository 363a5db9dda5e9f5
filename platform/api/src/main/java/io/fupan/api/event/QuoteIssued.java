package io.fupan.api.event;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A quote was issued to the customer; {@code recordId} is the quote.
 *
 * @since 0.1.0
 */
public record QuoteIssued(UUID eventId, UUID recordId, OffsetDateTime occurredAt, UUID opportunityId,
                          BigDecimal total, String currency) implements DomainEvent {

    /** Type name: {@value}. */
    public static final String TYPE = "quote.issued";

    @Override
    public String type() {
        return TYPE;
    }
}
