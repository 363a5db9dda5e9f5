package io.fupan.core.plugin;

import io.fupan.core.tenancy.InTransaction;
import io.fupan.core.tenancy.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox and its deliveries in the database (V11__event_outbox.sql). Each method is one
 * transaction for one tenant (row-level security), except {@link #tenantsDue()}, which asks the
 * security-definer function for the ids of tenants with work.
 */
@ApplicationScoped
@InTransaction
public class EventStore {

    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";
    private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";
    // Times travel as ISO-8601 text in UTC (EclipseLink reads '#' in SQL as a parameter marker, so no #>> here).

    @PersistenceContext(unitName = "fupan")
    EntityManager platform;

    @Inject
    TenantData data;

    /** One event to deliver to one plugin. */
    public record Delivery(long seq, String pluginId, UUID eventId, String type, UUID recordId, OffsetDateTime occurredAt,
                           String payload, int attempts) {}

    /** How one delivery attempt ended. */
    public record Outcome(Delivery delivery, boolean ok, String error, boolean dead, long retryMillis, boolean deferred) {
        static Outcome delivered(Delivery d) {
            return new Outcome(d, true, null, false, 0, false);
        }

        static Outcome skipped(Delivery d, String note) {
            return new Outcome(d, true, note, false, 0, false);
        }

        static Outcome failed(Delivery d, String error, boolean dead, long retryMillis) {
            return new Outcome(d, false, error, dead, retryMillis, false);
        }

        /** Not tried: the plugin was busy. Back-pressure, not a failure: no attempt is counted. */
        static Outcome deferred(Delivery d, String why, long retryMillis) {
            return new Outcome(d, false, why, false, retryMillis, true);
        }
    }

    /** Records the outcomes of one round of deliveries, in one transaction. */
    public void record(String tenantId, List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (o.ok()) {
                delivered(tenantId, o.delivery(), o.error());
            } else if (o.deferred()) {
                deferred(tenantId, o.delivery(), o.error(), o.retryMillis());
            } else {
                failed(tenantId, o.delivery(), o.error(), o.dead(), o.retryMillis());
            }
        }
    }

    /** A delivery that used up its attempts. */
    public record DeadLetter(long seq, String pluginId, UUID eventId, String type, UUID recordId, OffsetDateTime occurredAt,
                             int attempts, String lastError, OffsetDateTime failedAt) {}

    /**
     * Removes events older than {@code retentionDays} whose deliveries all succeeded (their delivery rows
     * go with them), at most {@code maxRows} per call; how many went. Dead letters stay.
     */
    public long prune(int retentionDays, int maxRows) {
        Object n = platform.createNativeQuery("select event_outbox_prune(make_interval(days => ?1), ?2)")
                .setHint(NATIVE, "true").setParameter(1, retentionDays).setParameter(2, maxRows).getSingleResult();
        return ((Number) n).longValue();
    }

    public List<String> tenantsDue() {
        List<?> rows = platform.createNativeQuery("select t from event_tenants_due() t").setHint(NATIVE, "true")
                .getResultList();
        return rows.stream().map(String::valueOf).toList();
    }

    /**
     * Gives each new event of the tenant a delivery row per listening plugin ({@code listeners}:
     * plugin id → event types it wants, empty for all) and marks it fanned out. How many events it took.
     */
    public int fanOut(String tenantId, Map<String, Set<String>> listeners, int limit) {
        EntityManager em = data.em(tenantId);
        if (listeners.isEmpty()) {
            // Nobody listens: every pending event of the tenant is done in one statement (a bulk import
            // of a tenant without listening plugins costs no round trips here).
            em.createNativeQuery("update event_outbox set fanned_out = true where tenant_id = ?1 and not fanned_out")
                    .setHint(NATIVE, "true").setParameter(1, tenantId).executeUpdate();
            return 0;
        }
        List<?> rows = em.createNativeQuery("select seq, type, cast(record_id as text) from event_outbox"
                        + " where tenant_id = ?1 and not fanned_out order by seq limit ?2 for update skip locked")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, limit).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            long seq = ((Number) r[0]).longValue();
            String type = (String) r[1];
            for (Map.Entry<String, Set<String>> l : listeners.entrySet()) {
                if (l.getValue().isEmpty() || l.getValue().contains(type)) {
                    em.createNativeQuery("insert into event_delivery (tenant_id, seq, plugin_id, record_id)"
                                    + " values (?1, ?2, ?3, cast(?4 as uuid)) on conflict do nothing")
                            .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, seq)
                            .setParameter(3, l.getKey()).setParameter(4, r[2]).executeUpdate();
                }
            }
            em.createNativeQuery("update event_outbox set fanned_out = true where tenant_id = ?1 and seq = ?2")
                    .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, seq).executeUpdate();
        }
        return rows.size();
    }

    /**
     * Claims due deliveries of the tenant, oldest first, at most one per (plugin, record) and only
     * when no earlier delivery of that record to that plugin is still pending (order per record).
     * A claim holds for {@code leaseSeconds}: a pod that dies mid-delivery leaves it to be retried.
     */
    /**
     * Brings the planner's statistics of the delivery table up to date. After a bulk import fans out tens
     * of thousands of deliveries they still say the table is small, and the claim's anti-join is then
     * planned as a scan per row: minutes instead of milliseconds, until autovacuum analyzes it.
     */
    public void analyze(String tenantId) {
        data.em(tenantId).createNativeQuery("analyze event_delivery").setHint(NATIVE, "true").executeUpdate();
    }

    public List<Delivery> claim(String tenantId, int limit, int leaseSeconds) {
        EntityManager em = data.em(tenantId);
        List<?> rows = em.createNativeQuery("select d.seq, d.plugin_id, cast(o.event_id as text), o.type,"
                        + " cast(o.record_id as text), to_char(o.occurred_at at time zone 'UTC', " + ISO + "), o.payload::text, d.attempts"
                        + " from event_delivery d join event_outbox o on o.tenant_id = d.tenant_id and o.seq = d.seq"
                        + " where d.tenant_id = ?1 and d.status = 'pending' and d.next_attempt_at <= now()"
                        + " and not exists (select 1 from event_delivery e where e.tenant_id = d.tenant_id"
                        + "   and e.plugin_id = d.plugin_id and e.record_id = d.record_id and e.status = 'pending'"
                        + "   and e.seq < d.seq)"
                        + " order by d.seq limit ?2 for update of d skip locked")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, limit).getResultList();
        List<Delivery> claimed = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            Delivery d = new Delivery(((Number) r[0]).longValue(), (String) r[1], UUID.fromString((String) r[2]),
                    (String) r[3], UUID.fromString((String) r[4]), OffsetDateTime.parse((String) r[5]), (String) r[6],
                    ((Number) r[7]).intValue());
            em.createNativeQuery("update event_delivery set next_attempt_at = now() + make_interval(secs => ?4)"
                            + " where tenant_id = ?1 and seq = ?2 and plugin_id = ?3")
                    .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, d.seq())
                    .setParameter(3, d.pluginId()).setParameter(4, leaseSeconds).executeUpdate();
            claimed.add(d);
        }
        return claimed;
    }

    public void delivered(String tenantId, Delivery d, String note) {
        data.em(tenantId).createNativeQuery("update event_delivery set status = 'delivered', attempts = attempts + 1,"
                        + " delivered_at = now(), updated_at = now(), last_error = ?4"
                        + " where tenant_id = ?1 and seq = ?2 and plugin_id = ?3")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, d.seq())
                .setParameter(3, d.pluginId()).setParameter(4, note).executeUpdate();
    }

    /** Puts a delivery off by {@code retryMillis} without counting an attempt. */
    public void deferred(String tenantId, Delivery d, String why, long retryMillis) {
        data.em(tenantId).createNativeQuery("update event_delivery set last_error = ?4,"
                        + " next_attempt_at = now() + make_interval(secs => ?5), updated_at = now()"
                        + " where tenant_id = ?1 and seq = ?2 and plugin_id = ?3")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, d.seq())
                .setParameter(3, d.pluginId()).setParameter(4, why).setParameter(5, retryMillis / 1000.0).executeUpdate();
    }

    /** Counts a failed attempt: retried after {@code retryMillis}, or dead when it was the last. */
    public void failed(String tenantId, Delivery d, String error, boolean last, long retryMillis) {
        data.em(tenantId).createNativeQuery("update event_delivery set attempts = attempts + 1, last_error = ?4,"
                        + " status = case when ?5 then 'dead' else 'pending' end,"
                        + " next_attempt_at = now() + make_interval(secs => ?6), updated_at = now()"
                        + " where tenant_id = ?1 and seq = ?2 and plugin_id = ?3")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, d.seq())
                .setParameter(3, d.pluginId()).setParameter(4, error.length() > 2000 ? error.substring(0, 2000) : error)
                .setParameter(5, last).setParameter(6, retryMillis / 1000.0).executeUpdate();
    }

    public List<DeadLetter> deadLetters(String tenantId, int limit) {
        List<?> rows = data.em(tenantId).createNativeQuery("select d.seq, d.plugin_id, cast(o.event_id as text), o.type,"
                        + " cast(o.record_id as text), to_char(o.occurred_at at time zone 'UTC', " + ISO + "), d.attempts, d.last_error,"
                        + " to_char(d.updated_at at time zone 'UTC', " + ISO + ")"
                        + " from event_delivery d join event_outbox o on o.tenant_id = d.tenant_id and o.seq = d.seq"
                        + " where d.tenant_id = ?1 and d.status = 'dead' order by d.updated_at desc, d.seq limit ?2")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, limit).getResultList();
        List<DeadLetter> out = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.add(new DeadLetter(((Number) r[0]).longValue(), (String) r[1], UUID.fromString((String) r[2]),
                    (String) r[3], UUID.fromString((String) r[4]), OffsetDateTime.parse((String) r[5]),
                    ((Number) r[6]).intValue(), (String) r[7], OffsetDateTime.parse((String) r[8])));
        }
        return out;
    }

    /** Puts a dead delivery back in line, with fresh attempts; whether there was one. */
    public boolean replay(String tenantId, long seq, String pluginId) {
        return data.em(tenantId).createNativeQuery("update event_delivery set status = 'pending', attempts = 0,"
                        + " next_attempt_at = now(), updated_at = now()"
                        + " where tenant_id = ?1 and seq = ?2 and plugin_id = ?3 and status = 'dead'")
                .setHint(NATIVE, "true").setParameter(1, tenantId).setParameter(2, seq).setParameter(3, pluginId)
                .executeUpdate() > 0;
    }

    /** Puts every dead delivery of the tenant back in line; how many. */
    public int replayAll(String tenantId) {
        return data.em(tenantId).createNativeQuery("update event_delivery set status = 'pending', attempts = 0,"
                        + " next_attempt_at = now(), updated_at = now() where tenant_id = ?1 and status = 'dead'")
                .setHint(NATIVE, "true").setParameter(1, tenantId).executeUpdate();
    }
}
