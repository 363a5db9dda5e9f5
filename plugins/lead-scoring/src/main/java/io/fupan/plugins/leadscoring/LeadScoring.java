package io.fupan.plugins.leadscoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fupan.api.PluginContext;
import io.fupan.api.PluginInstance;
import io.fupan.api.UserInfo;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.UserRecord;
import io.fupan.api.event.ActivityRecorded;
import io.fupan.api.event.DomainEvent;
import io.fupan.api.event.EventListener;
import io.fupan.api.event.LeadCreated;
import io.fupan.api.event.LeadStatusChanged;
import io.fupan.api.job.JobProvider;
import io.fupan.api.job.ScheduledJob;
import io.fupan.api.rest.PluginRequest;
import io.fupan.api.rest.PluginResponse;
import io.fupan.api.rest.RestEndpoint;
import io.fupan.plugins.leadscoring.model.NotEnoughData;
import io.fupan.plugins.leadscoring.model.TrainedModel;
import io.fupan.plugins.leadscoring.rules.BehaviorScore;
import io.fupan.plugins.leadscoring.rules.FitPolicy;
import io.fupan.plugins.leadscoring.store.Job;
import io.fupan.plugins.leadscoring.store.LeadState;
import io.fupan.plugins.leadscoring.store.ModelVersion;
import io.fupan.plugins.leadscoring.store.SqlScoreStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lead-scoring plugin for one tenant and configuration.
 *
 * <p>Endpoints (under {@code /api/v1/plugins/lead-scoring/}):
 * <ul>
 *   <li>{@code POST model/train} — trains on the closed leads (tenant_admin, sales_manager, marketing). Training
 *       runs in the background; the call waits up to {@code wait} ms (default and most 110,000: the plugin
 *       declares a 120 s budget for this path, {@code Fupan-Call-Budgets}) and answers 200 with the trained
 *       version when done by then, else 202 with the job to poll ({@code Location: model/jobs/{id}});
 *       422 {@code not-enough-data} below the minimums, 409 while one runs.</li>
 *   <li>{@code GET model/jobs/{id}} (or {@code jobs/{id}}) — a job's status and progress, and its result when
 *       done; {@code GET jobs} the latest 20 jobs.</li>
 *   <li>{@code GET model} — the active version and every stored version;
 *       {@code POST model/versions/{n}/activate} rolls back (or forward) to version n and re-scores.</li>
 *   <li>{@code GET leads/{id}/score} — a lead's score with its behaviour history, matched fit rules, and
 *       the factors that raise or lower its predicted score; visible to the lead's team.</li>
 *   <li>{@code GET focus?owner=} — the top {@code focusShare} (20 %) of a rep's open leads by score.</li>
 *   <li>{@code POST rescore} — re-scores every lead in the background (202 with the job).</li>
 * </ul>
 * Events: an activity of a lead awards its behaviour points and re-scores the lead; a new lead or a
 * status change re-scores it. Leads that reach the MQL threshold move to {@code mql} on this instance's
 * third thread ({@link Scoring#promoteMql}; the host runs a plugin thread's core writes on a server
 * thread), soon after their score is written. Jobs: {@code retrain} (hourly check; retrains when the active model is
 * older than {@code model.retrainEveryHours}), {@code rescore} (daily, for decay).
 *
 * <p>Threads: training and re-scoring run on this instance's own single background thread (longer
 * than a plugin call's budget may last); re-scoring single leads after events on a second one; MQL moves
 * on a third (so a large re-score's moves never delay the updates after events); {@link #close()}
 * interrupts all three.
 */
final class LeadScoring implements PluginInstance, RestEndpoint, EventListener, JobProvider {

    private static final Logger LOG = Logger.getLogger(LeadScoring.class.getName());
    private static final Set<String> MANAGE = Set.of("tenant_admin", "sales_manager", "marketing");
    private static final Set<String> SEE_ALL = Set.of("tenant_admin", "sales_manager", "marketing");
    /**
     * How long {@code POST model/train} waits for the training by default and at most: the budget this plugin
     * declares for that path in its manifest ({@code Fupan-Call-Budgets: model/train=120s}, pom.xml) less
     * 10 s to answer; beyond it the call answers 202 with the job.
     */
    static final long MAX_WAIT_MS = 110_000;

    private final PluginContext context;
    private final Clock clock;
    private final Scoring scoring;
    private final ExecutorService background;
    private static final int UPDATE_BATCH = 200;
    private final ExecutorService updates;
    private final java.util.concurrent.ScheduledExecutorService mql;
    private final AtomicBoolean mqlScheduled = new AtomicBoolean();
    /** Leads waiting for their re-score, with when their (first waiting) event arrived ({@link System#nanoTime()}). */
    private final Map<UUID, Long> pending = new ConcurrentHashMap<>();
    /** Event receipt to score stored, per re-scored lead (shown by {@code GET stats}). */
    private final UpdateTimes updateTimes = new UpdateTimes(10_000);
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile Future<?> training;
    private volatile Future<?> rescoring;

    LeadScoring(PluginContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
        ScoringConfig config = ScoringConfig.of(context.config());
        this.scoring = new Scoring(context.records(), context.changes(), new SqlScoreStore(context.tables()), config, clock);
        this.background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lead-scoring-" + context.tenant().id().value());
            t.setDaemon(true);
            return t;
        });
        this.updates = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lead-scoring-updates-" + context.tenant().id().value());
            t.setDaemon(true);
            return t;
        });
        this.mql = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lead-scoring-mql-" + context.tenant().id().value());
            t.setDaemon(true);
            return t;
        });
        rescoreIfConfigChanged();
    }

    /** Has the leads that reached the MQL threshold moved, on the MQL thread (soon, or in 2 s after failures). */
    private void moveMqlSoon(long delayMs) {
        if (scoring.pendingMql() > 0 && mqlScheduled.compareAndSet(false, true)) {
            try {
                mql.schedule(this::moveMql, delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                mqlScheduled.set(false);
            }
        }
    }

    private void moveMql() {
        mqlScheduled.set(false);
        try {
            int moved;
            do {
                moved = scoring.promoteMql(500);
            } while (moved > 0 && scoring.pendingMql() > 0 && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "lead-scoring could not move leads to mql for " + context.tenant().id().value(), e);
        }
        moveMqlSoon(2000);   // what failed (a lead changed meanwhile) is tried again, read afresh
    }

    // ---- events

    @Override
    public Set<String> eventTypes() {
        return Set.of(ActivityRecorded.TYPE, LeadCreated.TYPE, LeadStatusChanged.TYPE);
    }

    @Override
    public void on(DomainEvent event) {
        // The event's durable part (an activity's awards) is done here; re-scoring the lead is queued for
        // this instance's update thread, which coalesces a burst (a bulk import sends thousands of events)
        // into batches, so a delivery takes a few milliseconds and never holds the plugin's pool. A queued
        // re-score lost to a restart is made good by the daily re-scoring.
        long received = System.nanoTime();
        if (event instanceof ActivityRecorded a) {
            scoring.awardActivity(a.recordId(), a.leadId()).ifPresent(id -> enqueue(id, received));
        } else if (event instanceof LeadCreated || event instanceof LeadStatusChanged) {
            enqueue(event.recordId(), received);
        }
    }

    private void enqueue(UUID leadId, long received) {
        pending.putIfAbsent(leadId, received);
        if (flushScheduled.compareAndSet(false, true)) {
            updates.submit(this::flush);
        }
    }

    /** Re-scores the queued leads in batches. */
    private void flush() {
        flushScheduled.set(false);
        Map<UUID, Long> batch = new LinkedHashMap<>();
        for (UUID id : pending.keySet()) {
            Long received = pending.remove(id);
            if (received != null) {
                batch.put(id, received);
            }
            if (batch.size() == UPDATE_BATCH) {
                rescore(batch);
                batch = new LinkedHashMap<>();
            }
        }
        if (!batch.isEmpty()) {
            rescore(batch);
        }
        moveMqlSoon(0);
    }

    private void rescore(Map<UUID, Long> batch) {
        try {
            scoring.rescoreLeads(batch.keySet());
            long stored = System.nanoTime();
            batch.values().forEach(received -> updateTimes.add(stored - received));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "lead-scoring could not re-score " + batch.size() + " leads of "
                    + context.tenant().id().value() + "; the daily re-scoring will", e);
        }
    }

    // ---- jobs

    @Override
    public List<ScheduledJob> jobs() {
        return List.of(new ScheduledJob("retrain", Duration.ofHours(1), this::retrainIfDue),
                new ScheduledJob("rescore", Duration.ofHours(24), () -> startRescore()));
    }

    private void retrainIfDue() {
        int hours = scoring.config().model().retrainEveryHours();
        if (hours <= 0 || running(training)) {
            return;
        }
        Optional<Scoring.Active> active = scoring.active();
        boolean due = active.isEmpty()
                || active.get().version().trainedAt().plus(Duration.ofHours(hours)).isBefore(clock.instant());
        if (!due) {
            return;
        }
        long[] counts = Training.counts(context.records());
        if (counts[0] >= scoring.config().model().minPositives() && counts[1] >= scoring.config().model().minNegatives()) {
            startTraining();
        }
    }

    // ---- endpoints

    @Override
    public PluginResponse handle(PluginRequest request) throws Exception {
        List<String> s = request.segments();
        String m = request.method();
        if (s.size() == 2 && s.get(0).equals("model") && s.get(1).equals("train") && m.equals("POST")) {
            return train(request);
        }
        if (s.size() == 3 && s.get(0).equals("model") && s.get(1).equals("jobs") && m.equals("GET")) {
            return job(request, s.get(2));
        }
        if (s.size() == 1 && s.get(0).equals("jobs") && m.equals("GET")) {
            return PluginResponse.ok(Map.of("items", scoring.store().recentJobs(20).stream().map(this::jobView).toList()));
        }
        if (s.size() == 2 && s.get(0).equals("jobs") && m.equals("GET")) {
            return job(request, s.get(1));
        }
        if (s.size() == 1 && s.get(0).equals("model") && m.equals("GET")) {
            return models();
        }
        if (s.size() == 4 && s.get(0).equals("model") && s.get(1).equals("versions") && s.get(3).equals("activate")
                && m.equals("POST")) {
            return activate(request, s.get(2));
        }
        if (s.size() == 3 && s.get(0).equals("leads") && s.get(2).equals("score") && m.equals("GET")) {
            return leadScore(request, s.get(1));
        }
        if (s.size() == 1 && s.get(0).equals("focus") && m.equals("GET")) {
            return focus(request);
        }
        if (s.size() == 2 && s.get(0).equals("stats") && s.get(1).equals("reset") && m.equals("POST")) {
            if (!may(request.user(), MANAGE)) {
                return forbidden(request, "reset the scoring statistics");
            }
            updateTimes.reset();
            return PluginResponse.ok(Map.of("updates", updateTimes.summary()));
        }
        if (s.size() == 1 && s.get(0).equals("stats") && m.equals("GET")) {
            if (!may(request.user(), MANAGE)) {
                return forbidden(request, "see the scoring statistics");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("updates", updateTimes.summary());
            out.put("pendingUpdates", pending.size());
            out.put("pendingMql", scoring.pendingMql());
            return PluginResponse.ok(out);
        }
        if (s.size() == 1 && s.get(0).equals("rescore") && m.equals("POST")) {
            if (!may(request.user(), MANAGE)) {
                return forbidden(request, "re-score leads");
            }
            Job job = startRescore();
            return new PluginResponse(202, jobView(job), Map.of("Location", "jobs/" + job.id()));
        }
        return PluginResponse.problem(404, "not-found", msg(request, "not-found", "endpoint", m + " " + request.path()));
    }

    private PluginResponse train(PluginRequest request) throws InterruptedException {
        if (!may(request.user(), MANAGE)) {
            return forbidden(request, "train the model");
        }
        long wait = MAX_WAIT_MS;
        Optional<String> w = request.query("wait");
        if (w.isPresent()) {
            try {
                wait = Math.max(0, Math.min(MAX_WAIT_MS, Long.parseLong(w.get())));
            } catch (NumberFormatException e) {
                return PluginResponse.problem(400, "bad-request", msg(request, "bad-request", "wait: must be milliseconds"));
            }
        }
        ScoringConfig.ModelSettings settings = scoring.config().model();
        long[] counts = Training.counts(context.records());
        if (counts[0] < settings.minPositives() || counts[1] < settings.minNegatives()) {
            return notEnoughData(request, new NotEnoughData((int) counts[0], (int) counts[1], settings.minPositives(),
                    settings.minNegatives()));
        }
        Job job;
        synchronized (this) {
            if (running(training)) {
                Optional<Job> current = scoring.store().runningJob("training");
                return new PluginResponse(409, new PluginResponse.Problem("training-running",
                        msg(request, "training-running", current.map(j -> j.id().toString()).orElse("?"))),
                        current.map(j -> Map.of("Location", "model/jobs/" + j.id())).orElse(Map.of()));
            }
            job = startTraining();
        }
        try {
            training.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Job now = scoring.store().job(job.id()).orElse(job);
            return new PluginResponse(202, jobView(now), Map.of("Location", "model/jobs/" + job.id()));
        } catch (ExecutionException e) {
            // The job row says why; answered below.
        }
        Job done = scoring.store().job(job.id()).orElse(job);
        if ("done".equals(done.status())) {
            Map<String, Object> body = readMap(done.result());
            body.put("jobId", job.id().toString());
            return PluginResponse.ok(body);
        }
        if (done.error() != null && done.error().startsWith("not-enough-data:")) {
            return PluginResponse.problem(422, "not-enough-data", done.error().substring("not-enough-data:".length()).strip());
        }
        return PluginResponse.problem(500, "training-failed", msg(request, "training-failed", String.valueOf(done.error())));
    }

    /** Starts a training job in the background. */
    private synchronized Job startTraining() {
        Job job = new Job(UUID.randomUUID(), "training", "running", 0, "queued", clock.instant(), null, null, null);
        scoring.store().startJob(job);
        training = background.submit(() -> {
            Job[] current = {job};
            try {
                Map<String, Object> result = Training.run(context.records(), scoring, clock,
                        (share, step) -> current[0] = progress(current[0], share, step));
                scoring.store().updateJob(finished(current[0], "done", Training.JSON.writeValueAsString(result), null));
            } catch (NotEnoughData e) {
                scoring.store().updateJob(finished(current[0], "failed", null, "not-enough-data: " + e.getMessage()));
                return null;
            } catch (InterruptedException e) {
                scoring.store().updateJob(finished(current[0], "failed", null, "interrupted"));
                Thread.currentThread().interrupt();
                return null;
            } catch (RuntimeException | JsonProcessingException | Error e) {
                LOG.log(Level.WARNING, "lead-scoring training failed for " + context.tenant().id().value(), e);
                scoring.store().updateJob(finished(current[0], "failed", null, e.toString()));
                return null;
            }
            // Scores with the new model; the training's answer does not wait for it.
            Job rescore = new Job(UUID.randomUUID(), "rescore", "running", 0, "after training", clock.instant(), null, null, null);
            scoring.store().startJob(rescore);
            runRescore(rescore);
            return null;
        });
        return job;
    }

    /** Starts a background re-scoring of every lead (unless one is running: then that one). */
    private synchronized Job startRescore() {
        if (running(rescoring)) {
            Optional<Job> current = scoring.store().runningJob("rescore");
            if (current.isPresent()) {
                return current.get();
            }
        }
        Job job = new Job(UUID.randomUUID(), "rescore", "running", 0, "queued", clock.instant(), null, null, null);
        scoring.store().startJob(job);   // before the answer: GET jobs/{id} finds it at once
        rescoring = background.submit(() -> runRescore(job));
        return job;
    }

    /** Runs a re-scoring whose job row exists. */
    private Void runRescore(Job job) {
        Job[] current = {job};
        try {
            Map<String, Object> result = scoring.rescoreAll((share, step) -> current[0] = progress(current[0], share, step));
            scoring.store().updateJob(finished(current[0], "done", Training.JSON.writeValueAsString(result), null));
            moveMqlSoon(0);
        } catch (InterruptedException e) {
            scoring.store().updateJob(finished(current[0], "failed", null, "interrupted"));
            Thread.currentThread().interrupt();
        } catch (RuntimeException | JsonProcessingException | Error e) {
            LOG.log(Level.WARNING, "lead-scoring re-scoring failed for " + context.tenant().id().value(), e);
            scoring.store().updateJob(finished(current[0], "failed", null, e.toString()));
        }
        LOG.info(() -> "lead-scoring re-scoring of " + context.tenant().id().value() + ": " + current[0].step());
        return null;
    }

    /** Records progress, at most every 2 % (so a long job does not write a row per chunk). */
    private Job progress(Job j, double share, String step) {
        if (share - j.progress() < 0.02 && share < 1.0 && step.equals(j.step())) {
            return j;
        }
        Job next = new Job(j.id(), j.kind(), "running", Math.round(share * 1000) / 1000.0, step, j.startedAt(), null, null, null);
        scoring.store().updateJob(next);
        return next;
    }

    private Job finished(Job j, String status, String result, String error) {
        return new Job(j.id(), j.kind(), status, "done".equals(status) ? 1.0 : j.progress(), j.step(), j.startedAt(),
                clock.instant(), result, error);
    }

    private PluginResponse job(PluginRequest request, String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return PluginResponse.problem(404, "not-found", msg(request, "not-found", "job", id));
        }
        return scoring.store().job(jobId).map(j -> PluginResponse.ok(jobView(j)))
                .orElseGet(() -> PluginResponse.problem(404, "not-found", msg(request, "not-found", "job", id)));
    }

    private Map<String, Object> jobView(Job j) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", j.id().toString());
        out.put("kind", j.kind());
        out.put("status", j.status());
        out.put("progress", j.progress());
        out.put("step", j.step());
        out.put("startedAt", j.startedAt().toString());
        if (j.finishedAt() != null) {
            out.put("finishedAt", j.finishedAt().toString());
        }
        if (j.result() != null) {
            out.put("result", readMap(j.result()));
        }
        if (j.error() != null) {
            out.put("error", j.error());
        }
        return out;
    }

    private PluginResponse models() {
        List<Map<String, Object>> versions = new ArrayList<>();
        Map<String, Object> active = null;
        for (ModelVersion v : scoring.store().models()) {
            Map<String, Object> a = Training.answer(v, Training.candidates(v));
            versions.add(a);
            if (v.active()) {
                active = a;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", active);
        out.put("versions", versions);
        return PluginResponse.ok(out);
    }

    private PluginResponse activate(PluginRequest request, String version) {
        if (!may(request.user(), MANAGE)) {
            return forbidden(request, "change the model version");
        }
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return PluginResponse.problem(404, "not-found", msg(request, "not-found", "model version", version));
        }
        if (!scoring.store().activate(v)) {
            return PluginResponse.problem(404, "not-found", msg(request, "not-found", "model version", version));
        }
        scoring.store().activeModel().ifPresent(e -> scoring.use(e.getKey(), TrainedModel.fromBytes(e.getValue())));
        Job job = startRescore();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", v);
        out.put("rescoreJob", jobView(job));
        return PluginResponse.ok(out);
    }

    private PluginResponse leadScore(PluginRequest request, String id) {
        UUID leadId;
        try {
            leadId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return PluginResponse.problem(404, "not-found", msg(request, "not-found", "lead", id));
        }
        Optional<LeadRecord> found = context.records().leads().find(leadId);
        if (found.isEmpty() || !sees(request.user(), found.get())) {
            return PluginResponse.problem(404, "not-found", msg(request, "not-found", "lead", id));
        }
        LeadRecord lead = found.get();
        Optional<LeadState> state = scoring.store().state(leadId);
        if (state.isEmpty()) {
            state = scoring.rescoreLead(leadId);
        }
        LeadState st = state.orElseThrow();
        BehaviorScore behavior = scoring.behavior(leadId);
        FitPolicy.FitScore fit = scoring.fit(lead);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("leadId", leadId.toString());
        out.put("total", st.total());
        out.put("grade", st.grade());
        out.put("status", lead.status());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("score", behavior.score());
        b.put("uncapped", behavior.uncapped());
        List<Map<String, Object>> rules = new ArrayList<>();
        for (BehaviorScore.RuleTotal r : behavior.byRule()) {
            rules.add(Map.of("rule", r.ruleId(), "decayed", r.decayed(), "counted", r.counted(), "capped", r.capped()));
        }
        b.put("byRule", rules);
        List<Map<String, Object>> history = new ArrayList<>();
        for (BehaviorScore.Line l : behavior.history()) {
            history.add(Map.of("rule", l.award().ruleId(), "activityId", l.award().activityId().toString(),
                    "activityType", l.award().activityType(), "at", l.award().occurredAt().toString(),
                    "points", l.award().points(), "pointsNow", l.now()));
        }
        b.put("history", history);
        out.put("behavior", b);
        List<Map<String, Object>> matched = new ArrayList<>();
        for (FitPolicy.Matched mt : fit.matched()) {
            matched.add(Map.of("rule", mt.ruleId(), "field", mt.field(), "weight", mt.weight()));
        }
        out.put("fit", Map.of("score", fit.score(), "matched", matched));
        Optional<Scoring.Active> model = scoring.active();
        if (model.isPresent() && st.predicted() != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("probability", st.predicted());
            p.put("modelVersion", model.get().version().version());
            List<Map<String, Object>> raise = new ArrayList<>();
            List<Map<String, Object>> lower = new ArrayList<>();
            for (TrainedModel.Factor f : model.get().model().explain(scoring.features(lead, clock.instant()), 10)) {
                Map<String, Object> fv = new LinkedHashMap<>();
                fv.put("attribute", f.attribute());
                fv.put("value", f.value() == null ? null : String.valueOf(f.value()));
                fv.put("effect", f.effect());
                (f.effect() > 0 ? raise : lower).add(fv);
            }
            p.put("raisedBy", raise);
            p.put("loweredBy", lower);
            out.put("predicted", p);
        } else {
            out.put("predicted", null);
        }
        return PluginResponse.ok(out);
    }

    private PluginResponse focus(PluginRequest request) {
        UUID owner = request.user().id();
        Optional<String> o = request.query("owner");
        if (o.isPresent()) {
            try {
                owner = UUID.fromString(o.get());
            } catch (IllegalArgumentException e) {
                return PluginResponse.problem(400, "bad-request", msg(request, "bad-request", "owner: not a user id"));
            }
            if (!owner.equals(request.user().id()) && !may(request.user(), SEE_ALL) && !sameTeam(request.user().id(), owner)) {
                return forbidden(request, "see another team's focus list");
            }
        }
        List<LeadState> open = scoring.store().openByOwner(owner);
        int n = open.isEmpty() ? 0 : (int) Math.ceil(scoring.config().focusShare() * open.size());
        List<Map<String, Object>> items = new ArrayList<>();
        for (LeadState s : open.subList(0, n)) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("leadId", s.leadId().toString());
            it.put("status", s.status());
            it.put("total", s.total());
            it.put("grade", s.grade());
            it.put("behavior", s.behavior());
            it.put("fit", s.fit());
            it.put("predicted", s.predicted());
            items.add(it);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("owner", owner.toString());
        out.put("openLeads", open.size());
        out.put("share", scoring.config().focusShare());
        out.put("items", items);
        return PluginResponse.ok(out);
    }

    // ---- who may

    private static boolean may(UserInfo user, Set<String> roles) {
        return user != null && roles.stream().anyMatch(user::has);
    }

    /** Whether {@code user} sees {@code lead}: all for admins, managers and marketing; a rep their own and their team's. */
    private boolean sees(UserInfo user, LeadRecord lead) {
        if (may(user, SEE_ALL)) {
            return true;
        }
        if (user == null || !user.has("sales_rep")) {
            return false;
        }
        return lead.ownerId() != null && (lead.ownerId().equals(user.id()) || sameTeam(user.id(), lead.ownerId()));
    }

    private boolean sameTeam(UUID a, UUID b) {
        Optional<UUID> ta = context.records().users().find(a).map(UserRecord::teamId);
        Optional<UUID> tb = context.records().users().find(b).map(UserRecord::teamId);
        return ta.isPresent() && ta.equals(tb);
    }

    private PluginResponse forbidden(PluginRequest request, String what) {
        return PluginResponse.problem(403, "forbidden", msg(request, "forbidden", what));
    }

    private PluginResponse notEnoughData(PluginRequest request, NotEnoughData e) {
        return PluginResponse.problem(422, "not-enough-data", msg(request, "not-enough-data", e.minPositives(),
                e.minNegatives(), e.positives(), e.negatives()));
    }

    private String msg(PluginRequest request, String key, Object... args) {
        return context.messages().get(request.locale(), key, args);
    }

    // ---- lifecycle

    /** After a change of rules (a new config), every lead is re-scored once in the background. */
    private void rescoreIfConfigChanged() {
        String hash;
        try {
            hash = Integer.toHexString(Training.JSON.writeValueAsString(context.config().values()).hashCode());
        } catch (JsonProcessingException e) {
            hash = "?";
        }
        String stored = context.storage().get("config-hash").orElse(null);
        if (!hash.equals(stored == null ? null : stored.replace("\"", ""))) {
            context.storage().put("config-hash", "\"" + hash + "\"");
            startRescore();
        }
    }

    private static boolean running(Future<?> f) {
        return f != null && !f.isDone();
    }

    private static Map<String, Object> readMap(String json) {
        try {
            return Training.JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored job result is not JSON", e);
        }
    }

    /** Waits for background work to end (tests). */
    void awaitIdle(Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        for (Future<?> f : new Future<?>[] {training, rescoring}) {
            if (f != null) {
                f.get(Math.max(1, Duration.between(Instant.now(), end).toMillis()), TimeUnit.MILLISECONDS);
            }
        }
        background.submit(() -> { }).get(Math.max(1, Duration.between(Instant.now(), end).toMillis()), TimeUnit.MILLISECONDS);
        updates.submit(() -> { }).get(Math.max(1, Duration.between(Instant.now(), end).toMillis()), TimeUnit.MILLISECONDS);
        mql.submit(() -> { }).get(Math.max(1, Duration.between(Instant.now(), end).toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        background.shutdownNow();
        updates.shutdownNow();
        mql.shutdownNow();
    }
}
