package io.fupan.core.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.api.event.ActivityRecorded;
import io.fupan.api.event.DomainEvent;
import io.fupan.api.event.EventListener;
import io.fupan.api.event.LeadCreated;
import io.fupan.api.event.LeadStatusChanged;
import io.fupan.api.event.OpportunityClosed;
import io.fupan.api.event.OpportunityStageChanged;
import io.fupan.api.event.QuoteIssued;
import io.fupan.core.tenant.PluginChoice;
import io.fupan.core.tenant.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the outbox to the listeners of the plugins each tenant enabled. {@link #tick()} runs
 * every few hundred milliseconds (the server schedules it): for each tenant with work it fans new
 * events out to one delivery per listening plugin, then delivers due deliveries through the
 * invoker, in order per record, until none is left. A throw or timeout is retried with doubling
 * back-off; after {@code fupan.events.max-attempts} the delivery is dead until an admin replays it.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore store;
    @Inject
    TenantPlugins plugins;
    @Inject
    TenantRegistry registry;
    @Inject
    PluginInvoker invoker;

    @Inject
    @ConfigProperty(name = "fupan.events.max-attempts", defaultValue = "4")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "fupan.events.retry-ms", defaultValue = "500")
    long retryMillis;

    private final Object running = new Object();

    /** Fanned-out events after which the delivery table's statistics are refreshed before claiming. */
    private static final int ANALYZE_AFTER = 2_000;

    /** How long a delivery that found its plugin busy waits before it is tried again (no attempt counted). */
    private static final long BUSY_RETRY_MS = 1000;

    /** One round over every tenant with work; returns how many deliveries it attempted. */
    public int tick() {
        synchronized (running) { // one round at a time on this pod; other pods are kept apart by row locks
            int attempted = 0;
            for (String tenantId : store.tenantsDue()) {
                try {
                    attempted += dispatch(tenantId);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "delivering events of tenant " + tenantId + " failed", e);
                }
            }
            return attempted;
        }
    }

    private int dispatch(String tenantId) {
        Map<String, Listening> listeners = listeners(tenantId);
        Map<String, Set<String>> wants = new LinkedHashMap<>();
        listeners.forEach((id, l) -> wants.put(id, l.types()));
        int fanned = 0;
        int n;
        do { // a large import: keep fanning out
            n = store.fanOut(tenantId, wants, 500);
            fanned += n;
        } while (n == 500);
        if (fanned >= ANALYZE_AFTER) {
            try {
                store.analyze(tenantId);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "analyze event_delivery", e); // without MAINTAIN: autovacuum catches up later
            }
        }
        int attempted = 0;
        for (int round = 0; round < 50; round++) {
            List<EventStore.Delivery> due = store.claim(tenantId, 200, 60);
            if (due.isEmpty()) {
                break;
            }
            // A claim holds at most one delivery per (plugin, record): they may run at once, each on its
            // plugin's pool, without breaking the order per record. The round ends when all have ended.
            // No more at once per plugin than its pool takes (its threads and half its queue, leaving
            // room for its REST calls): a burst of events waits here instead of finding the pool full.
            List<CompletableFuture<EventStore.Outcome>> running = new ArrayList<>();
            Map<String, java.util.ArrayDeque<CompletableFuture<EventStore.Outcome>>> inFlight = new LinkedHashMap<>();
            for (EventStore.Delivery d : due) {
                attempted++;
                var mine = inFlight.computeIfAbsent(d.pluginId(), k -> new java.util.ArrayDeque<>());
                while (mine.size() >= invoker.eventCapacity()) {
                    mine.removeFirst().join();
                }
                CompletableFuture<EventStore.Outcome> outcome = deliver(d, listeners.get(d.pluginId()));
                mine.addLast(outcome);
                running.add(outcome);
            }
            List<EventStore.Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<EventStore.Outcome> r : running) {
                outcomes.add(r.join());
            }
            store.record(tenantId, outcomes);
            outcomes.stream().filter(EventStore.Outcome::dead).forEach(o -> LOG.warning("Event " + o.delivery().type()
                    + " " + o.delivery().eventId() + " of tenant " + tenantId + " is dead for plugin "
                    + o.delivery().pluginId() + " after " + (o.delivery().attempts() + 1) + " attempts: " + o.error()));
        }
        return attempted;
    }

    private record Listening(TenantPlugins.Active active, EventListener listener, Set<String> types) {}

    private Map<String, Listening> listeners(String tenantId) {
        Map<String, Listening> out = new LinkedHashMap<>();
        for (PluginChoice choice : registry.pluginChoices(tenantId)) {
            if (!choice.enabled()) {
                continue;
            }
            try {
                Optional<TenantPlugins.Active> active = plugins.active(tenantId, choice.pluginId());
                if (active.isPresent() && active.get().instance() instanceof EventListener listener) {
                    Set<String> types = invoker.call(active.get().plugin(), "eventTypes", listener::eventTypes);
                    out.put(choice.pluginId(), new Listening(active.get(), listener, types == null ? Set.of() : Set.copyOf(types)));
                }
            } catch (PluginCallException e) {
                LOG.log(Level.FINE, "plugin " + choice.pluginId() + " of tenant " + tenantId + " cannot listen", e);
            }
        }
        return out;
    }

    /** Starts one delivery; the future never fails, it tells the outcome. */
    private CompletableFuture<EventStore.Outcome> deliver(EventStore.Delivery d, Listening listening) {
        if (listening == null) {
            return CompletableFuture.completedFuture(EventStore.Outcome.skipped(d,
                    "skipped: the plugin is no longer enabled or listening"));
        }
        DomainEvent event;
        try {
            event = event(d);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(failure(d, e.getMessage()));
        }
        return invoker.submit(listening.active().plugin(), "event " + d.type(), invoker.budget(), () -> {
            listening.listener().on(event);
            return (Void) null;
        }).handle((ok, error) -> {
            if (error == null) {
                return EventStore.Outcome.delivered(d);
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof PluginCallException busy && busy.kind() == PluginCallException.Kind.BUSY) {
                return EventStore.Outcome.deferred(d, busy.getMessage(), BUSY_RETRY_MS);
            }
            return failure(d, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        });
    }

    private EventStore.Outcome failure(EventStore.Delivery d, String error) {
        int attempt = d.attempts() + 1;
        return EventStore.Outcome.failed(d, error, attempt >= maxAttempts, retryMillis << Math.min(attempt - 1, 16));
    }

    /** The API's record for an outbox row. */
    static DomainEvent event(EventStore.Delivery d) {
        Map<String, Object> p;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = JSON.readValue(d.payload(), Map.class);
            p = read;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable event payload: " + e.getMessage(), e);
        }
        switch (d.type()) {
            case OpportunityStageChanged.TYPE:
                return new OpportunityStageChanged(d.eventId(), d.recordId(), d.occurredAt(), text(p, "fromStage"),
                        text(p, "toStage"), uuid(p, "movedById"));
            case OpportunityClosed.TYPE:
                return new OpportunityClosed(d.eventId(), d.recordId(), d.occurredAt(), text(p, "stage"),
                        Boolean.TRUE.equals(p.get("won")), decimal(p, "amount"), text(p, "currency"));
            case LeadCreated.TYPE:
                return new LeadCreated(d.eventId(), d.recordId(), d.occurredAt(), text(p, "channel"), text(p, "status"),
                        uuid(p, "ownerId"));
            case LeadStatusChanged.TYPE:
                return new LeadStatusChanged(d.eventId(), d.recordId(), d.occurredAt(), text(p, "fromStatus"),
                        text(p, "toStatus"));
            case ActivityRecorded.TYPE:
                return new ActivityRecorded(d.eventId(), d.recordId(), d.occurredAt(), text(p, "activityType"),
                        uuid(p, "opportunityId"), uuid(p, "leadId"), uuid(p, "contactId"));
            case QuoteIssued.TYPE:
                return new QuoteIssued(d.eventId(), d.recordId(), d.occurredAt(), uuid(p, "opportunityId"),
                        decimal(p, "total"), text(p, "currency"));
            default:
                throw new IllegalArgumentException("unknown event type " + d.type());
        }
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    private static UUID uuid(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : UUID.fromString(v.toString());
    }

    private static BigDecimal decimal(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : new BigDecimal(v.toString());
    }
}
