package io.fupan.core.plugin;

import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.LeadScore;
import io.fupan.api.data.NewActivity;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.OpportunitySignal;
import io.fupan.core.account.AccountInput;
import io.fupan.core.account.AccountService;
import io.fupan.core.activity.ActivityInput;
import io.fupan.core.activity.ActivityService;
import io.fupan.core.error.DomainException;
import io.fupan.core.lead.LeadInput;
import io.fupan.core.lead.LeadService;
import io.fupan.core.opportunity.OpportunityInput;
import io.fupan.core.opportunity.OpportunityService;
import io.fupan.core.record.Patch;
import io.fupan.core.record.Times;
import io.fupan.core.tenancy.Actor;
import io.fupan.core.tenancy.TenantContext;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Changes plugins make to core records ({@link io.fupan.api.data.Changes}): each one a unit of work of
 * its own (a request context, the tenant, the actor {@code plugin:<id>} with a tenant admin's reach)
 * through the same services as the REST API, so validation, status and stage history, the audit trail
 * and domain events are the same. The core's errors become the SDK's: a field error an
 * {@link IllegalArgumentException} naming the field, an unknown record a {@link NoSuchElementException},
 * a conflict an {@link IllegalStateException}.
 */
@ApplicationScoped
public class PluginWrites {

    /** Leads scored per statement. */
    private static final int SCORE_CHUNK = 5_000;

    @Inject
    TenantContext context;

    @Inject
    LeadService leads;

    @Inject
    OpportunityService opportunities;

    @Inject
    ActivityService activities;

    @Inject
    AccountService accounts;

    @Inject
    PluginData data;

    /** Application-role connections outside JTA, for set-based writes (scores). */
    @Resource(lookup = "jdbc/fupanPlugins")
    DataSource plugins;

    /** Threads with the application's context, for writes asked on a thread the server did not make. */
    @Resource
    ManagedThreadFactory threads;

    private volatile ThreadPoolExecutor hop;

    /**
     * Runs {@code write} (a call of this bean through its proxy) where the core's services work: on the
     * calling thread when the server made it (a plugin call, a request), else — a plugin's own thread, on
     * which the server has no component context, so transactions and request scope fail — on one of two
     * threads from the server's managed thread factory, the caller waiting for the outcome. What the write
     * throws is rethrown as it is.
     */
    public <T> T onServerThread(Supplier<T> write) {
        if (Thread.currentThread() instanceof ManageableThread) {
            return write.get();
        }
        Future<T> outcome = hopPool().submit(write::get);
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            outcome.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the write was interrupted", e);
        }
    }

    /**
     * Makes the pool at the application's start, on a thread of the server: the managed thread factory
     * (injected then) and the pool's threads (started then, kept for the server's life) carry the
     * application's context. Made lazily on a plugin's own thread, they would carry none — whether the
     * server captures the context when the factory is injected or when a thread is made.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        hopPool();
    }

    private ThreadPoolExecutor hopPool() {
        ThreadPoolExecutor pool = hop;
        if (pool == null) {
            synchronized (this) {
                pool = hop;
                if (pool == null) {
                    pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
                    pool.prestartAllCoreThreads();
                    hop = pool;
                }
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        ThreadPoolExecutor pool = hop;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @ActivateRequestContext
    public LeadRecord setLeadStatus(String tenantId, String pluginId, UUID leadId, String status) {
        enter(tenantId, pluginId);
        return sdkErrors(() -> {
            var lead = leads.get(leadId);
            if (!lead.status().equals(status)) {
                leads.update(leadId, lead.version(), new Patch<>(new LeadInput(null, null, null, null, null, null, null,
                        null, null, status, null, null, null), Set.of("status")));
            }
            return data.lead(tenantId, leadId).orElseThrow();
        });
    }

    @ActivateRequestContext
    public OpportunityRecord moveOpportunity(String tenantId, String pluginId, UUID opportunityId, String stage) {
        enter(tenantId, pluginId);
        return sdkErrors(() -> {
            var o = opportunities.get(opportunityId);
            if (!o.stage().equals(stage)) {
                opportunities.update(opportunityId, o.version(), new Patch<>(new OpportunityInput(null, null, null, null,
                        null, null, null, null, null, stage, null, null, null, null), Set.of("stage")));
            }
            return data.opportunity(tenantId, opportunityId).orElseThrow();
        });
    }

    @ActivateRequestContext
    public ActivityRecord recordActivity(String tenantId, String pluginId, NewActivity a) {
        enter(tenantId, pluginId);
        return sdkErrors(() -> {
            UUID owner = a.ownerId() != null ? a.ownerId() : ownerOfLinked(tenantId, a);
            var made = activities.create(new ActivityInput(null, a.type(),
                    a.occurredAt() == null ? Times.now() : a.occurredAt(), a.subject(), null, a.leadId(), a.contactId(),
                    a.opportunityId(), owner));
            return data.activity(tenantId, made.id()).orElseThrow();
        });
    }

    private UUID ownerOfLinked(String tenantId, NewActivity a) {
        if (a.leadId() != null) {
            return data.lead(tenantId, a.leadId()).map(LeadRecord::ownerId)
                    .orElseThrow(() -> new DomainException.Invalid("leadId", "no lead with id " + a.leadId()));
        }
        if (a.opportunityId() != null) {
            return data.opportunity(tenantId, a.opportunityId()).map(OpportunityRecord::ownerId)
                    .orElseThrow(() -> new DomainException.Invalid("opportunityId", "no opportunity with id "
                            + a.opportunityId()));
        }
        if (a.contactId() != null) {
            return data.contact(tenantId, a.contactId()).map(io.fupan.api.data.ContactRecord::ownerId)
                    .orElseThrow(() -> new DomainException.Invalid("contactId", "no contact with id " + a.contactId()));
        }
        return null; // the service says what is missing
    }

    @ActivateRequestContext
    public void setCustom(String tenantId, String pluginId, String kind, UUID id, Map<String, Object> values) {
        enter(tenantId, pluginId);
        sdkErrors(() -> {
            switch (kind == null ? "" : kind) {
                case "lead" -> leads.update(id, leads.get(id).version(), new Patch<>(new LeadInput(null, null, null, null,
                        null, null, null, null, null, null, null, null, values), Set.of("custom")));
                case "opportunity" -> opportunities.update(id, opportunities.get(id).version(), new Patch<>(
                        new OpportunityInput(null, null, null, null, null, null, null, null, null, null, null, null, null,
                                values), Set.of("custom")));
                case "account" -> accounts.update(id, accounts.get(id).version(), new Patch<>(new AccountInput(null, null,
                        null, null, null, null, null, null, null, null, values), Set.of("custom")));
                default -> throw new DomainException.Invalid("kind", "must be lead, account or opportunity");
            }
            return null;
        });
    }

    /**
     * Writes scores to the leads' score rows (V23) in a few set-based statements (one per {@value #SCORE_CHUNK}
     * leads) under the tenant's row-level security; a null score (or total) removes the lead's; leads the
     * tenant lacks are skipped. Not audited
     * field by field: a score is the plugin's output, kept with the time it was written.
     */
    public int putLeadScores(String tenantId, Map<UUID, LeadScore> scores) {
        List<Map.Entry<UUID, LeadScore>> all = new ArrayList<>(scores.entrySet());
        return inTenant(tenantId, "lead scores", c -> {
            int written = 0;
            // A lead scored before has its row updated in place (V23): the common case of a re-score, one
            // statement with no look at the wide lead table. Leads scored for the first time are inserted,
            // those the tenant lacks skipped (the join). Whether a chunk was scored before is asked of its
            // first lead: while a first scoring fills the table its statistics lag, and an update would be
            // planned as a scan of all the rows written so far, once per chunk.
            try (PreparedStatement update = c.prepareStatement("update lead_scores t set total = s.total,"
                    + " behavior = s.behavior, fit = s.fit, predicted = s.predicted, grade = s.grade, scored_at = now()"
                    + " from unnest(?::uuid[], ?::numeric[], ?::numeric[], ?::numeric[], ?::float8[], ?::text[])"
                    + " as s(id, total, behavior, fit, predicted, grade)"
                    + " where t.tenant_id = current_setting('fupan.tenant') and t.lead_id = s.id and s.total is not null");
                 PreparedStatement ps = c.prepareStatement("insert into lead_scores as t (tenant_id, lead_id, total,"
                    + " behavior, fit, predicted, grade, scored_at)"
                    + " select l.tenant_id, l.id, s.total, s.behavior, s.fit, s.predicted, s.grade, now()"
                    + " from unnest(?::uuid[], ?::numeric[], ?::numeric[], ?::numeric[], ?::float8[], ?::text[])"
                    + " as s(id, total, behavior, fit, predicted, grade)"
                    + " join lead l on l.tenant_id = current_setting('fupan.tenant') and l.id = s.id"
                    + " where s.total is not null"
                    + " on conflict (tenant_id, lead_id) do update set total = excluded.total, behavior = excluded.behavior,"
                    + " fit = excluded.fit, predicted = excluded.predicted, grade = excluded.grade,"
                    + " scored_at = excluded.scored_at");
                 PreparedStatement scoredBefore = c.prepareStatement("select 1 from lead_scores"
                         + " where tenant_id = current_setting('fupan.tenant') and lead_id = ?");
                 PreparedStatement clear = c.prepareStatement("delete from lead_scores"
                         + " where tenant_id = current_setting('fupan.tenant') and lead_id = any(?::uuid[])")) {
                for (int from = 0; from < all.size(); from += SCORE_CHUNK) {
                    List<Map.Entry<UUID, LeadScore>> chunk = all.subList(from, Math.min(all.size(), from + SCORE_CHUNK));
                    int n = chunk.size();
                    UUID[] ids = new UUID[n];
                    BigDecimal[] total = new BigDecimal[n];
                    BigDecimal[] behavior = new BigDecimal[n];
                    BigDecimal[] fit = new BigDecimal[n];
                    Double[] predicted = new Double[n];
                    String[] grade = new String[n];
                    List<UUID> removed = new ArrayList<>();
                    int present = 0;
                    for (int i = 0; i < n; i++) {
                        ids[i] = chunk.get(i).getKey();
                        LeadScore s = chunk.get(i).getValue();
                        if (s == null || s.total() == null) {
                            removed.add(ids[i]);
                        } else {
                            present++;
                            total[i] = s.total();
                            behavior[i] = s.behavior();
                            fit[i] = s.fit();
                            predicted[i] = s.predicted();
                            grade[i] = s.grade();
                        }
                    }
                    if (!removed.isEmpty()) {
                        clear.setArray(1, c.createArrayOf("uuid", removed.toArray()));
                        written += clear.executeUpdate();
                    }
                    if (present == 0) {
                        continue;
                    }
                    java.sql.Array[] columns = {c.createArrayOf("uuid", ids), c.createArrayOf("numeric", total),
                            c.createArrayOf("numeric", behavior), c.createArrayOf("numeric", fit),
                            c.createArrayOf("float8", predicted), c.createArrayOf("text", grade)};
                    for (int k = 0; k < columns.length; k++) {
                        update.setArray(k + 1, columns[k]);
                    }
                    UUID first = null;
                    for (int i = 0; i < n && first == null; i++) {
                        first = total[i] != null ? ids[i] : null;
                    }
                    scoredBefore.setObject(1, first);
                    boolean before;
                    try (java.sql.ResultSet r = scoredBefore.executeQuery()) {
                        before = r.next();
                    }
                    int updated = before ? update.executeUpdate() : 0;
                    if (updated < present) {
                        for (int k = 0; k < columns.length; k++) {
                            ps.setArray(k + 1, columns[k]);
                        }
                        updated = ps.executeUpdate();
                    }
                    written += updated;
                }
            }
            return written;
        });
    }

    /** A signal kind: the plugin's own name for what it judges. */
    private static final java.util.regex.Pattern SIGNAL_KIND = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /**
     * Writes or removes the plugin's signals of one kind on opportunities, in a few set-based statements
     * under the tenant's row-level security; opportunities the tenant lacks are skipped. Not audited: a
     * signal is the plugin's output, kept with the time it was written.
     */
    public int putOpportunitySignals(String tenantId, String pluginId, String kind, Map<UUID, OpportunitySignal> signals) {
        if (kind == null || !SIGNAL_KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind: lower-case letters, digits and dashes, at most 40 characters, was " + kind);
        }
        List<Map.Entry<UUID, OpportunitySignal>> all = new ArrayList<>(signals.entrySet());
        return inTenant(tenantId, "opportunity signals", c -> {
            int written = 0;
            try (PreparedStatement put = c.prepareStatement("insert into opportunity_signal"
                    + " (tenant_id, opportunity_id, plugin_id, kind, level, score, reason, reason_zh, updated_at)"
                    + " select o.tenant_id, o.id, ?, ?, s.level, s.score, s.reason, s.reason_zh, now()"
                    + " from unnest(?::uuid[], ?::text[], ?::numeric[], ?::text[], ?::text[])"
                    + " as s(id, level, score, reason, reason_zh)"
                    + " join opportunity o on o.tenant_id = current_setting('fupan.tenant') and o.id = s.id"
                    + " on conflict (tenant_id, opportunity_id, plugin_id, kind) do update set level = excluded.level,"
                    + " score = excluded.score, reason = excluded.reason, reason_zh = excluded.reason_zh,"
                    + " updated_at = excluded.updated_at");
                 PreparedStatement remove = c.prepareStatement("delete from opportunity_signal"
                         + " where tenant_id = current_setting('fupan.tenant') and plugin_id = ? and kind = ?"
                         + " and opportunity_id = any(?::uuid[])")) {
                for (int from = 0; from < all.size(); from += SCORE_CHUNK) {
                    List<Map.Entry<UUID, OpportunitySignal>> chunk = all.subList(from, Math.min(all.size(), from + SCORE_CHUNK));
                    List<UUID> ids = new ArrayList<>();
                    List<UUID> gone = new ArrayList<>();
                    List<String> level = new ArrayList<>();
                    List<BigDecimal> score = new ArrayList<>();
                    List<String> reason = new ArrayList<>();
                    List<String> reasonZh = new ArrayList<>();
                    for (Map.Entry<UUID, OpportunitySignal> e : chunk) {
                        OpportunitySignal s = e.getValue();
                        if (s == null) {
                            gone.add(e.getKey());
                        } else {
                            ids.add(e.getKey());
                            level.add(s.level());
                            score.add(s.score());
                            reason.add(s.reason());
                            reasonZh.add(s.reasonZh());
                        }
                    }
                    if (!ids.isEmpty()) {
                        put.setString(1, pluginId);
                        put.setString(2, kind);
                        put.setArray(3, c.createArrayOf("uuid", ids.toArray()));
                        put.setArray(4, c.createArrayOf("text", level.toArray()));
                        put.setArray(5, c.createArrayOf("numeric", score.toArray()));
                        put.setArray(6, c.createArrayOf("text", reason.toArray()));
                        put.setArray(7, c.createArrayOf("text", reasonZh.toArray()));
                        written += put.executeUpdate();
                    }
                    if (!gone.isEmpty()) {
                        remove.setString(1, pluginId);
                        remove.setString(2, kind);
                        remove.setArray(3, c.createArrayOf("uuid", gone.toArray()));
                        written += remove.executeUpdate();
                    }
                }
            }
            return written;
        });
    }

    private interface SqlWork {
        int run(Connection c) throws SQLException;
    }

    /**
     * Runs set-based writes in one transaction of a plugins' connection bound to the tenant (row-level
     * security holds it there); a broken constraint is the plugin's bad input ({@code what}: the name of it).
     */
    private int inTenant(String tenantId, String what, SqlWork work) {
        try (Connection c = plugins.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("select set_config('fupan.tenant', ?, true)")) {
                    ps.setString(1, tenantId);
                    ps.execute();
                }
                int written = work.run(c);
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
            throw new IllegalStateException("writing " + what + " failed: " + e.getMessage(), e);
        }
    }

    private void enter(String tenantId, String pluginId) {
        context.enter(tenantId, Actor.system("plugin:" + pluginId));
    }

    private interface Work<T> {
        T run();
    }

    private static <T> T sdkErrors(Work<T> work) {
        try {
            return work.run();
        } catch (DomainException.Invalid e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (DomainException.NotFound e) {
            NoSuchElementException sdk = new NoSuchElementException(e.getMessage());
            sdk.initCause(e);
            throw sdk;
        } catch (DomainException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
