package io.fupan.api.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Something that happened to a tenant's records, delivered after its transaction committed. Delivery
 * is at least once and in order per record: a listener should be idempotent ({@link #eventId()} is
 * stable across redeliveries).
 *
 * @since 0.1.0
 */
public sealed interface DomainEvent
        permits LeadCreated, LeadStatusChanged, ActivityRecorded, OpportunityStageChanged, OpportunityClosed, QuoteIssued {

    /** Stable id of the event; the same on every redelivery. */
    UUID eventId();

    /** The record the event is about. */
    UUID recordId();

    /** When it happened. */
    OffsetDateTime occurredAt();

    /** The event's type name, e.g. {@code opportunity.stage-changed}. */
    String type();
}
