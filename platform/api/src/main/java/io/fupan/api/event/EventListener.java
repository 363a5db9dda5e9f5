package io.fupan.api.event;

import java.util.Set;

/**
 * A capability of a {@link io.fupan.api.PluginInstance}: it receives its tenant's domain events
 * after commit. A throw (or a timeout) makes the host retry the event later, with back-off; after
 * the last attempt the event goes to the tenant's dead-letter list, from which an admin can replay
 * it. Events of one record arrive in order: a later one waits until the earlier one was delivered.
 *
 * @since 0.1.0
 */
public interface EventListener {

    /** The event types this listener wants ({@code DomainEvent.type()} names); empty means all. */
    default Set<String> eventTypes() {
        return Set.of();
    }

    /** Handles one event; must be idempotent (see {@link DomainEvent#eventId()}). */
    void on(DomainEvent event) throws Exception;
}
