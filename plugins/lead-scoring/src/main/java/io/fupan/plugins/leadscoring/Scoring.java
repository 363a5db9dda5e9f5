package io.fupan.plugins.leadscoring;

import io.fupan.api.data.AccountRecord;
import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.Changes;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.LeadScore;
import io.fupan.api.data.OpportunityRecord;
import io.fupan.api.data.Query;
import io.fupan.api.data.Records;
import io.fupan.plugins.leadscoring.model.ActivityStats;
import io.fupan.plugins.leadscoring.model.LeadFeatures;
import io.fupan.plugins.leadscoring.model.TrainedModel;
import io.fupan.plugins.leadscoring.rules.Attributes;
import io.fupan.plugins.leadscoring.rules.Award;
import io.fupan.plugins.leadscoring.rules.BehaviorScore;
import io.fupan.plugins.leadscoring.rules.FitPolicy;
import io.fupan.plugins.leadscoring.rules.FitRule;
import io.fupan.plugins.leadscoring.store.LeadState;
import io.fupan.plugins.leadscoring.store.ModelVersion;
import io.fupan.plugins.leadscoring.store.ScoreStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * The scoring of one tenant's leads: a lead's behaviour (from its awards), fit (from its attributes),
 * predicted probability (from the active model) add up to a total and a grade, which are written to
 * the plugin's table and to the core ({@link Changes#putLeadScores}); a new or contacted lead whose
 * total reaches the MQL threshold moves to {@code mql}. One lead at a time after an activity or a lead
 * change ({@link #rescoreLead}), or every lead in chunks ({@link #rescoreAll}).
 */
final class Scoring {

    private static final Logger LOG = Logger.getLogger(Scoring.class.getName());
    static final int CHUNK = 2000;

    private final Records records;
    private final Changes changes;
    private final ScoreStore store;
    private final ScoringConfig config;
    private final Clock clock;
    private final boolean accountRules;
    private volatile Active active;
    /** Serialises score writes of this instance (event batches and the chunks of a full re-score). */
    private final Object writeLock = new Object();
    private final java.util.Set<UUID> toMql = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> mqlAttempts = new java.util.concurrent.ConcurrentHashMap<>();

    /** The active model, with its version. */
    record Active(ModelVersion version, TrainedModel model) {}

    Scoring(Records records, Changes changes, ScoreStore store, ScoringConfig config, Clock clock) {
        this.records = records;
        this.changes = changes;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.accountRules = config.fit().rules().stream().map(FitRule::field).anyMatch(f -> f.startsWith("account."));
    }

    ScoringConfig config() {
        return config;
    }

    ScoreStore store() {
        return store;
    }

    /**
     * The active model. Which version is active is asked of the store at most every
     * {@value #ACTIVE_CHECK_MS} ms (one small query), because another instance of this tenant (a
     * reconfiguration, another server) may have trained or rolled back meanwhile; a training or roll back
     * in this instance takes effect at once ({@link #use}). The model itself is loaded only when the
     * version changes.
     */
    Optional<Active> active() {
        return active(store);
    }

    /** How long the active version asked of the store is trusted (the per-activity path saves the query). */
    static final long ACTIVE_CHECK_MS = 2000;
    private volatile long activeCheckedAt;   // System.nanoTime() of the last check; 0: never
    private volatile boolean activeKnown;

    private Optional<Active> active(ScoreStore st) {
        Active a = active;
        if (activeKnown && System.nanoTime() - activeCheckedAt < ACTIVE_CHECK_MS * 1_000_000L) {
            return Optional.ofNullable(a);
        }
        Optional<Integer> version = st.activeModelVersion();
        if (version.isEmpty()) {
            active = null;
            markChecked();
            return Optional.empty();
        }
        if (a != null && a.version().version() == version.get()) {
            markChecked();
            return Optional.of(a);
        }
        synchronized (this) {
            a = active;
            if (a == null || a.version().version() != version.get()) {
                a = st.activeModel().map(e -> new Active(e.getKey(), TrainedModel.fromBytes(e.getValue()))).orElse(null);
                active = a;
            }
            markChecked();
        }
        return Optional.ofNullable(a);
    }

    private void markChecked() {
        activeCheckedAt = System.nanoTime();
        activeKnown = true;
    }

    /** Makes {@code model} the one that scores (after a training or a roll back). */
    void use(ModelVersion version, TrainedModel model) {
        active = new Active(version, model);
        markChecked();
    }

    /**
     * Awards an activity's points to its lead (idempotent: an activity's award per rule is stored once);
     * the lead whose score this changes, or empty for an activity of no lead.
     */
    Optional<UUID> awardActivity(UUID activityId, UUID leadId) {
        Optional<List<Award>> awards = awardsOf(activityId, leadId);
        awards.ifPresent(a -> store.addAwards(leadId, a));
        return awards.map(a -> leadId);
    }

    private Optional<List<Award>> awardsOf(UUID activityId, UUID leadId) {
        if (leadId == null) {
            return Optional.empty();
        }
        Optional<ActivityRecord> a = records.activities().find(activityId);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        ActivityRecord act = a.get();
        Instant at = act.occurredAt() == null ? clock.instant() : act.occurredAt().toInstant();
        return Optional.of(config.behavior().award(act.id(), act.type(), act.subject(), at));
    }

    /**
     * What the instance does for one {@code activity.recorded} (without its update thread): the activity's
     * awards stored, then its lead re-scored and written.
     */
    void onActivity(UUID activityId, UUID leadId) {
        awardActivity(activityId, leadId).ifPresent(this::rescoreLead);
    }

    /** Re-scores one lead; empty when the tenant has no such lead. */
    Optional<LeadState> rescoreLead(UUID leadId) {
        List<LeadState> s = rescoreLeads(List.of(leadId));
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    /** Re-scores some leads, written together; leads the tenant does not have are skipped. */
    List<LeadState> rescoreLeads(java.util.Collection<UUID> leadIds) {
        // Under the write lock, and with the model looked up inside it: a batch that began before a
        // training ended can otherwise write scores without the new model after the full re-score did.
        synchronized (writeLock) {
            return store.transaction(tx -> rescoreLeadsLocked(tx, leadIds, null));
        }
    }

    /**
     * Scores {@code leadIds} and writes them; {@code knownAwards} (when given) are every award of those
     * leads, else they are read. The leads and their awards are read in one round trip each.
     */
    private List<LeadState> rescoreLeadsLocked(ScoreStore st, java.util.Collection<UUID> leadIds,
                                               Map<UUID, List<Award>> knownAwards) {
        Instant now = clock.instant();
        Optional<Active> model = active(st);
        List<LeadState> states = new ArrayList<>(leadIds.size());
        Map<UUID, String> before = new HashMap<>();
        List<LeadRecord> leads = leadIds.size() == 1
                ? records.leads().find(leadIds.iterator().next()).map(List::of).orElse(List.of())
                : records.leads().findAll(leadIds);
        if (leads.isEmpty()) {
            return states;
        }
        Map<UUID, List<Award>> awards = knownAwards != null ? knownAwards
                : st.awards(leads.stream().map(LeadRecord::id).toList());
        for (LeadRecord lead : leads) {
            UUID leadId = lead.id();
            BigDecimal behavior = config.behavior().score(awards.getOrDefault(leadId, List.of()), now).score();
            FitPolicy.FitScore fit = config.fit().score(new Attributes(lead, account(lead)));
            Double predicted = null;
            if (model.isPresent() && !LeadFeatures.CLOSED.contains(lead.status())) {
                predicted = model.get().model().predict(features(lead, now, model.get().model().encoder().usesActivities()));
            }
            states.add(state(lead, behavior, fit, predicted, now));
            before.put(leadId, lead.status());
        }
        if (!states.isEmpty()) {
            write(st, states, before);
        }
        return states;
    }

    /** A lead's features now, its activities read from the core (at most the latest 500). */
    Map<String, Object> features(LeadRecord lead, Instant now) {
        return features(lead, now, true);
    }

    private Map<String, Object> features(LeadRecord lead, Instant now, boolean withActivities) {
        Instant asOf = LeadFeatures.asOf(lead, now);
        List<ActivityRecord> acts = withActivities ? records.activities()
                .list(new Query(Map.of("leadId", lead.id().toString()), 0, Query.MAX_SIZE, "-createdAt")).items() : List.of();
        return LeadFeatures.of(lead, acts, asOf);
    }

    /** The full behaviour breakdown of a lead now (for its detail view). */
    BehaviorScore behavior(UUID leadId) {
        return config.behavior().score(store.awards(leadId), clock.instant());
    }

    /** The fit breakdown of a lead now. */
    FitPolicy.FitScore fit(LeadRecord lead) {
        return config.fit().score(new Attributes(lead, account(lead)));
    }

    private LeadState state(LeadRecord lead, BigDecimal behavior, FitPolicy.FitScore fit, Double predicted, Instant now) {
        BigDecimal total = config.grading().total(behavior, fit.score(), predicted);
        return new LeadState(lead.id(), lead.ownerId(), lead.status(), behavior, fit.score(),
                fit.matched().stream().map(FitPolicy.Matched::ruleId).toList(), predicted, total,
                config.grading().grade(total), now);
    }

    /**
     * Writes states to the plugin's table and the core, and queues the leads that reach the MQL threshold;
     * returns the nanoseconds spent putting the scores to the core.
     */
    private long write(ScoreStore st, List<LeadState> states, Map<UUID, String> statusBefore) {
        st.putStates(states);
        Map<UUID, LeadScore> scores = new LinkedHashMap<>();
        for (LeadState s : states) {
            scores.put(s.leadId(), new LeadScore(s.total(), s.behavior(), s.fit(), s.predicted(), s.grade()));
        }
        long t0 = System.nanoTime();
        changes.putLeadScores(scores);
        long core = System.nanoTime() - t0;
        for (LeadState s : states) {
            if (config.grading().becomesMql(statusBefore.get(s.leadId()), s.total())) {
                toMql.add(s.leadId());
            }
        }
        return core;
    }

    /**
     * Moves the leads that reached the MQL threshold to {@code mql} (at most {@code most} of them), through
     * the core's services: status history, audit and a {@code lead.status-changed} event. Runs on the
     * instance's MQL thread. Each lead is read again first, so one that moved on meanwhile (sql,
     * converted, disqualified) stays where it is. A queued lead lost to a restart is queued again by the
     * next re-score.
     *
     * @return how many leads moved
     */
    int promoteMql(int most) {
        int moved = 0;
        int seen = 0;
        for (UUID id : toMql) {
            if (seen++ >= most) {
                break;
            }
            if (!toMql.remove(id)) {
                continue;   // another run of the job took it
            }
            try {
                Optional<LeadRecord> lead = records.leads().find(id);
                Optional<LeadState> state = store.state(id);
                if (lead.isPresent() && state.isPresent()
                        && config.grading().becomesMql(lead.get().status(), state.get().total())) {
                    changes.setLeadStatus(id, "mql");
                    moved++;
                }
            } catch (RuntimeException e) {
                // Mostly a lead changed meanwhile (the core's optimistic lock): tried again, read afresh, on the
                // next runs; given up after three.
                int n = mqlAttempts.merge(id, 1, Integer::sum);
                if (n < 3) {
                    toMql.add(id);
                } else {
                    mqlAttempts.remove(id);
                    LOG.log(java.util.logging.Level.WARNING, "lead " + id + " not moved to mql after " + n + " attempts", e);
                }
                continue;
            }
            mqlAttempts.remove(id);
        }
        return moved;
    }

    /** Leads waiting for {@link #promoteMql}. */
    int pendingMql() {
        return toMql.size();
    }

    /** The account of a lead for {@code account.*} fit rules: that of its converted opportunity, or {@code custom.account_id}. */
    private AccountRecord account(LeadRecord lead) {
        if (!accountRules) {
            return null;
        }
        UUID accountId = null;
        if (lead.convertedOpportunityId() != null) {
            accountId = records.opportunities().find(lead.convertedOpportunityId()).map(OpportunityRecord::accountId).orElse(null);
        }
        if (accountId == null && lead.custom() != null && lead.custom().get("account_id") != null) {
            try {
                accountId = UUID.fromString(String.valueOf(lead.custom().get("account_id")));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return accountId == null ? null : records.accounts().find(accountId).orElse(null);
    }

    /**
     * Re-scores every lead of the tenant: awards re-derived from every activity with the current rules,
     * behaviour decayed to now, fit, and the active model's prediction for open leads. One pass over the
     * activities (awards and, when the model uses them, each lead's activity types and times), then one
     * pass over the leads in chunks: each chunk is read on this thread, scored on a second and written (its
     * leads' awards replaced, scores upserted, scores put to the core) on a third, so that the next chunk is
     * read while one is scored and another written. Awards of leads that no longer exist are removed at the end.
     *
     * @return {@code scored} (how many leads) and {@code seconds} spent by part: reading activities, reading
     *         leads, waiting for the scorer and writer, and on those predicting, scoring, writing the plugin's
     *         tables and putting scores to the core
     */
    Map<String, Object> rescoreAll(Training.Progress progress) throws InterruptedException {
        Instant now = clock.instant();
        long start = System.nanoTime();
        long[] t = new long[7];   // activities, leads, waiting, predict, score, plugin tables, core
        Optional<Active> model = active();
        boolean withActivities = model.isPresent() && model.get().model().encoder().usesActivities();
        progress.at(0.0, "reading activities");
        Map<UUID, List<Award>> awards = new HashMap<>();
        Map<UUID, Acts> acts = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        long[] activities = {0};
        records.activities().forEach(Map.of(), a -> {
            if (a.leadId() == null) {
                return;
            }
            activities[0]++;
            Instant at = a.occurredAt() == null ? now : a.occurredAt().toInstant();
            List<Award> given = config.behavior().award(a.id(), a.type(), a.subject(), at);
            if (!given.isEmpty()) {
                awards.computeIfAbsent(a.leadId(), k -> new ArrayList<>(4)).addAll(given);
            }
            if (withActivities && a.type() != null) {
                acts.computeIfAbsent(a.leadId(), k -> new Acts()).add(types.computeIfAbsent(a.type(), k -> k), at);
            }
        });
        checkInterrupt();
        t[0] = System.nanoTime() - start;
        progress.at(0.2, "scoring leads");
        long total = Math.max(1, records.leads().list(new Query(Map.of(), 0, 1, null)).total());
        String name = Thread.currentThread().getName();
        ExecutorService scorer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-scorer");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name + "-writer");
            thread.setDaemon(true);
            return thread;
        });
        int[] done = {0};
        long leadsStart = System.nanoTime();
        try {
            List<Future<?>> inFlight = new ArrayList<>();
            List<LeadRecord> chunk = new ArrayList<>(CHUNK);
            records.leads().forEach(Map.of(), l -> {
                chunk.add(l);
                if (chunk.size() == CHUNK) {
                    hand(scorer, writer, inFlight, List.copyOf(chunk), awards, acts, model, now, t);
                    done[0] += chunk.size();
                    chunk.clear();
                    progress.at(0.2 + 0.75 * Math.min(1.0, done[0] / (double) total), "scored " + done[0] + " of " + total
                            + " leads");
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("re-scoring was interrupted");
                    }
                }
            });
            if (!chunk.isEmpty()) {
                hand(scorer, writer, inFlight, List.copyOf(chunk), awards, acts, model, now, t);
                done[0] += chunk.size();
            }
            long w = System.nanoTime();
            for (Future<?> f : inFlight) {
                await(f);
            }
            t[2] += System.nanoTime() - w;
            t[1] = System.nanoTime() - leadsStart - t[2];
        } finally {
            scorer.shutdownNow();
            writer.shutdownNow();
        }
        progress.at(0.95, "removing the awards of leads that no longer exist");
        store.removeAwardsNotScoredSince(now);
        progress.at(1.0, "scored " + done[0] + " leads");
        LOG.fine(() -> "re-scored " + done[0] + " leads over " + activities[0] + " activities");
        Map<String, Object> seconds = new LinkedHashMap<>();
        String[] parts = {"readingActivities", "readingLeads", "waitingForWriter", "predicting", "scoring", "pluginTables",
                "coreScores"};
        for (int i = 0; i < parts.length; i++) {
            seconds.put(parts[i], Math.round(t[i] / 1e6) / 1000.0);
        }
        seconds.put("total", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scored", done[0]);
        result.put("activities", activities[0]);
        result.put("seconds", seconds);
        return result;
    }

    /**
     * Queues a chunk read here for the scorer thread (the model's predictions, behaviour and fit), which passes
     * it on to the writer thread: reading, scoring and writing overlap, the reading waiting on PostgreSQL while
     * the scorer computes. At most two chunks are on their way (memory stays two chunks deep).
     */
    private void hand(ExecutorService scorer, ExecutorService writer, List<Future<?>> inFlight, List<LeadRecord> chunk,
                      Map<UUID, List<Award>> awards, Map<UUID, Acts> acts, Optional<Active> model, Instant now, long[] t) {
        long w = System.nanoTime();
        while (inFlight.size() >= 2) {
            await(inFlight.remove(0));
        }
        t[2] += System.nanoTime() - w;
        inFlight.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            // A training that ended meanwhile made another model active: this chunk scores with it.
            Optional<Active> current = active();
            return scoreChunk(chunk, awards, acts, current.isPresent() ? current : model, now, t);
        }, scorer).thenAcceptAsync(scored -> writeChunk(scored, t), writer));
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("re-scoring was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** A lead's activity types and times (for its behaviour aggregates once the lead is read). */
    private static final class Acts {
        private String[] types = new String[2];
        private long[] at = new long[2];
        private int n;

        void add(String type, Instant when) {
            if (n == at.length) {
                types = java.util.Arrays.copyOf(types, n * 2);
                at = java.util.Arrays.copyOf(at, n * 2);
            }
            types[n] = type;
            at[n++] = when.toEpochMilli();
        }

        ActivityStats stats(LeadRecord lead, Instant asOf) {
            ActivityStats s = LeadFeatures.stats(lead, asOf);
            for (int i = 0; i < n; i++) {
                s.add(types[i], Instant.ofEpochMilli(at[i]));
            }
            return s;
        }
    }

    /** A chunk's scores, ready to be written. */
    private record Scored(List<LeadState> states, Map<UUID, String> before, Map<UUID, List<Award>> awards) {}

    private Scored scoreChunk(List<LeadRecord> leads, Map<UUID, List<Award>> awards, Map<UUID, Acts> acts,
                              Optional<Active> model, Instant now, long[] t) {
        long t0 = System.nanoTime();
        List<Map<String, Object>> open = new ArrayList<>();
        List<Integer> openIndex = new ArrayList<>();
        double[] predicted = new double[leads.size()];
        if (model.isPresent()) {
            for (int i = 0; i < leads.size(); i++) {
                LeadRecord l = leads.get(i);
                if (!LeadFeatures.CLOSED.contains(l.status())) {
                    Instant asOf = LeadFeatures.asOf(l, now);
                    Acts a = acts.get(l.id());
                    open.add(LeadFeatures.of(l, a != null ? a.stats(l, asOf) : LeadFeatures.stats(l, asOf)));
                    openIndex.add(i);
                }
            }
            double[] p = open.isEmpty() ? new double[0] : model.get().model().predict(open);
            java.util.Arrays.fill(predicted, Double.NaN);
            for (int k = 0; k < p.length; k++) {
                predicted[openIndex.get(k)] = p[k];
            }
        }
        long t1 = System.nanoTime();
        t[3] += t1 - t0;
        List<LeadState> states = new ArrayList<>(leads.size());
        Map<UUID, String> before = new HashMap<>();
        Map<UUID, List<Award>> chunkAwards = new HashMap<>();
        for (int i = 0; i < leads.size(); i++) {
            LeadRecord l = leads.get(i);
            List<Award> given = awards.getOrDefault(l.id(), List.of());
            chunkAwards.put(l.id(), given);
            BigDecimal behavior = config.behavior().score(given, now).score();
            FitPolicy.FitScore fit = config.fit().score(new Attributes(l, account(l)));
            Double p = model.isPresent() && !Double.isNaN(predicted[i]) ? predicted[i] : null;
            states.add(state(l, behavior, fit, p, now));
            before.put(l.id(), l.status());
        }
        t[4] += System.nanoTime() - t1;
        return new Scored(states, before, chunkAwards);
    }

    /** On the writer thread: a chunk's awards replaced, its scores upserted and put to the core. */
    private void writeChunk(Scored scored, long[] t) {
        synchronized (writeLock) {
            long t0 = System.nanoTime();
            long[] core = new long[1];
            store.transaction(tx -> {
                tx.replaceAwards(scored.awards());
                core[0] = write(tx, scored.states(), scored.before());
                return null;
            });
            t[5] += System.nanoTime() - t0 - core[0];
            t[6] += core[0];
        }
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("re-scoring was interrupted");
        }
    }
}
