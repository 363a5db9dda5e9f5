package io.fupan.plugins.leadscoring.store;

import io.fupan.api.storage.PluginTables;
import io.fupan.plugins.leadscoring.rules.Award;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link ScoreStore} in the plugin's own tables (migration {@code db/lead-scoring/V1__lead_scoring.sql}). */
public final class SqlScoreStore implements ScoreStore {

    private static final int CHUNK = 1000;
    /** Scores per statement: a re-score's chunk of leads in one (at 1,000 a million took 1.5 s more). */
    private static final int SCORE_CHUNK = 5000;
    private final PluginTables tables;

    public SqlScoreStore(PluginTables tables) {
        this.tables = tables;
    }

    @Override
    public <T> T transaction(java.util.function.Function<ScoreStore, T> work) {
        return tables.transaction(tx -> work.apply(new SqlScoreStore(tx)));
    }

    private static final String INSERT_AWARDS = "insert into behavior_award (lead_id, activity_id, rule_id, activity_type,"
            + " occurred_at, points) select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[],"
            + " ?::numeric[]) on conflict do nothing";

    @Override
    public void addAwards(UUID leadId, List<Award> awards) {
        if (!awards.isEmpty()) {
            insertAwards(Map.of(leadId, awards), awards.size());
        }
    }

    /** Inserts awards in one statement per {@value #CHUNK} (arrays, not a row per statement). */
    private void insertAwards(Map<UUID, List<Award>> awards, int count) {
        int n = Math.min(count, CHUNK);
        Columns c = new Columns(n);
        for (Map.Entry<UUID, List<Award>> e : awards.entrySet()) {
            for (Award a : e.getValue()) {
                c.add(e.getKey(), a);
                if (c.size == CHUNK) {
                    tables.update(INSERT_AWARDS, c.args());
                    c = new Columns(n);
                }
            }
        }
        if (c.size > 0) {
            tables.update(INSERT_AWARDS, c.args());
        }
    }

    /** Award columns as arrays. */
    private static final class Columns {
        final UUID[] lead;
        final UUID[] activity;
        final String[] rule;
        final String[] type;
        final OffsetDateTime[] at;
        final BigDecimal[] points;
        int size;

        Columns(int n) {
            lead = new UUID[n];
            activity = new UUID[n];
            rule = new String[n];
            type = new String[n];
            at = new OffsetDateTime[n];
            points = new BigDecimal[n];
        }

        void add(UUID leadId, Award a) {
            lead[size] = leadId;
            activity[size] = a.activityId();
            rule[size] = a.ruleId();
            type[size] = a.activityType();
            at[size] = time(a.occurredAt());
            points[size++] = a.points();
        }

        Object[] args() {
            return new Object[] {Arrays.copyOf(lead, size), Arrays.copyOf(activity, size), Arrays.copyOf(rule, size),
                    Arrays.copyOf(type, size), Arrays.copyOf(at, size), Arrays.copyOf(points, size)};
        }
    }

    @Override
    public void replaceAwards(Map<UUID, List<Award>> awards) {
        if (awards.isEmpty()) {
            return;
        }
        tables.transaction(tx -> {
            tx.update("delete from behavior_award where lead_id = any(?)", (Object) awards.keySet().toArray(new UUID[0]));
            new SqlScoreStore(tx).insertAwards(awards, awards.values().stream().mapToInt(List::size).sum());
            return null;
        });
    }

    @Override
    public void removeAwardsNotScoredSince(Instant since) {
        tables.update("delete from behavior_award a where not exists (select 1 from lead_score s where s.lead_id = a.lead_id"
                + " and s.scored_at >= ?)", time(since));
    }

    @Override
    public List<Award> awards(UUID leadId) {
        List<Award> out = new ArrayList<>();
        for (Map<String, Object> r : tables.query("select activity_id, rule_id, activity_type, occurred_at, points"
                + " from behavior_award where lead_id = ?", leadId)) {
            out.add(new Award((UUID) r.get("activity_id"), (String) r.get("rule_id"), (String) r.get("activity_type"),
                    instant(r.get("occurred_at")), (BigDecimal) r.get("points")));
        }
        return out;
    }

    @Override
    public Map<UUID, List<Award>> awards(Collection<UUID> leadIds) {
        Map<UUID, List<Award>> out = new java.util.HashMap<>();
        if (leadIds.isEmpty()) {
            return out;
        }
        for (Map<String, Object> r : tables.query("select lead_id, activity_id, rule_id, activity_type, occurred_at, points"
                + " from behavior_award where lead_id = any(?)", (Object) leadIds.toArray(new UUID[0]))) {
            out.computeIfAbsent((UUID) r.get("lead_id"), k -> new ArrayList<>(4)).add(award(r));
        }
        return out;
    }

    private static Award award(Map<String, Object> r) {
        return new Award((UUID) r.get("activity_id"), (String) r.get("rule_id"), (String) r.get("activity_type"),
                instant(r.get("occurred_at")), (BigDecimal) r.get("points"));
    }

    @Override
    public Optional<LeadState> state(UUID leadId) {
        return tables.query("select * from lead_score where lead_id = ?", leadId).stream().map(SqlScoreStore::state).findFirst();
    }

    @Override
    public void putStates(Collection<LeadState> states) {
        List<LeadState> all = List.copyOf(states);
        for (int from = 0; from < all.size(); from += SCORE_CHUNK) {
            upsert(all.subList(from, Math.min(all.size(), from + SCORE_CHUNK)));
        }
    }

    /** One statement for up to {@value #SCORE_CHUNK} scores (arrays, not a row per statement). */
    private void upsert(List<LeadState> states) {
        int n = states.size();
        UUID[] lead = new UUID[n];
        UUID[] owner = new UUID[n];
        String[] status = new String[n];
        BigDecimal[] behavior = new BigDecimal[n];
        BigDecimal[] fit = new BigDecimal[n];
        String[] matched = new String[n];
        Double[] predicted = new Double[n];
        BigDecimal[] total = new BigDecimal[n];
        String[] grade = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            LeadState s = states.get(i);
            lead[i] = s.leadId();
            owner[i] = s.ownerId();
            status[i] = s.status();
            behavior[i] = s.behavior();
            fit[i] = s.fit();
            matched[i] = String.join(",", s.fitMatched());
            predicted[i] = s.predicted();
            total[i] = s.total();
            grade[i] = s.grade();
            at[i] = time(s.scoredAt());
        }
        tables.update("insert into lead_score (lead_id, owner_id, status, behavior, fit, fit_matched, predicted, total,"
                + " grade, scored_at) select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::numeric[], ?::numeric[],"
                + " ?::text[], ?::float8[], ?::numeric[], ?::text[], ?::timestamptz[])"
                + " on conflict (tenant_id, lead_id) do update set"
                + " owner_id = excluded.owner_id, status = excluded.status, behavior = excluded.behavior,"
                + " fit = excluded.fit, fit_matched = excluded.fit_matched, predicted = excluded.predicted,"
                + " total = excluded.total, grade = excluded.grade, scored_at = excluded.scored_at",
                lead, owner, status, behavior, fit, matched, predicted, total, grade, at);
    }

    @Override
    public List<LeadState> openByOwner(UUID ownerId) {
        return tables.query("select * from lead_score where owner_id = ? and status in ('new', 'contacted', 'mql', 'sql')"
                + " order by total desc, lead_id", ownerId).stream().map(SqlScoreStore::state).toList();
    }

    @Override
    public int nextModelVersion() {
        Object max = tables.query("select coalesce(max(version), 0) as v from model_version").get(0).get("v");
        return ((Number) max).intValue() + 1;
    }

    @Override
    public void saveModel(ModelVersion v, byte[] model) {
        tables.transaction(tx -> {
            if (v.active()) {
                tx.update("update model_version set active = false where active");
            }
            tx.update("insert into model_version (version, algorithm, trained_at, trained_on, positives, auc, lift_top20,"
                    + " candidates, active, model) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v.version(), v.algorithm(),
                    time(v.trainedAt()), v.trainedOn(), v.positives(), v.auc(), v.liftTop20(), v.candidates(), v.active(), model);
            return null;
        });
    }

    @Override
    public List<ModelVersion> models() {
        return tables.query("select version, algorithm, trained_at, trained_on, positives, auc, lift_top20, candidates,"
                + " active from model_version order by version desc").stream().map(SqlScoreStore::version).toList();
    }

    @Override
    public Optional<Integer> activeModelVersion() {
        return tables.query("select version from model_version where active").stream()
                .map(r -> ((Number) r.get("version")).intValue()).findFirst();
    }

    @Override
    public Optional<Map.Entry<ModelVersion, byte[]>> activeModel() {
        return tables.query("select * from model_version where active").stream()
                .<Map.Entry<ModelVersion, byte[]>>map(r -> new AbstractMap.SimpleImmutableEntry<>(version(r), (byte[]) r.get("model")))
                .findFirst();
    }

    @Override
    public boolean activate(int version) {
        return tables.transaction(tx -> {
            if (tx.query("select 1 as one from model_version where version = ?", version).isEmpty()) {
                return false;
            }
            tx.update("update model_version set active = (version = ?)", version);
            return true;
        });
    }

    @Override
    public void startJob(Job j) {
        tables.update("insert into scoring_job (id, kind, status, progress, step, started_at) values (?, ?, ?, ?, ?, ?)",
                j.id(), j.kind(), j.status(), j.progress(), j.step(), time(j.startedAt()));
    }

    @Override
    public void updateJob(Job j) {
        tables.update("update scoring_job set status = ?, progress = ?, step = ?, finished_at = ?, result = ?, error = ?"
                + " where id = ?", j.status(), j.progress(), j.step(), time(j.finishedAt()), j.result(), j.error(), j.id());
    }

    @Override
    public Optional<Job> job(UUID id) {
        return tables.query("select * from scoring_job where id = ?", id).stream().map(SqlScoreStore::job).findFirst();
    }

    @Override
    public List<Job> recentJobs(int limit) {
        return tables.query("select * from scoring_job order by started_at desc limit ?", limit).stream()
                .map(SqlScoreStore::job).toList();
    }

    @Override
    public Optional<Job> runningJob(String kind) {
        return tables.query("select * from scoring_job where kind = ? and status = 'running' order by started_at desc limit 1",
                kind).stream().map(SqlScoreStore::job).findFirst();
    }

    private static LeadState state(Map<String, Object> r) {
        String matched = (String) r.get("fit_matched");
        return new LeadState((UUID) r.get("lead_id"), (UUID) r.get("owner_id"), (String) r.get("status"),
                (BigDecimal) r.get("behavior"), (BigDecimal) r.get("fit"),
                matched == null || matched.isEmpty() ? List.of() : Arrays.asList(matched.split(",")),
                r.get("predicted") == null ? null : ((Number) r.get("predicted")).doubleValue(), (BigDecimal) r.get("total"),
                (String) r.get("grade"), instant(r.get("scored_at")));
    }

    private static ModelVersion version(Map<String, Object> r) {
        return new ModelVersion(((Number) r.get("version")).intValue(), (String) r.get("algorithm"),
                instant(r.get("trained_at")), ((Number) r.get("trained_on")).intValue(),
                ((Number) r.get("positives")).intValue(), ((Number) r.get("auc")).doubleValue(),
                ((Number) r.get("lift_top20")).doubleValue(), (String) r.get("candidates"), (Boolean) r.get("active"));
    }

    private static Job job(Map<String, Object> r) {
        return new Job((UUID) r.get("id"), (String) r.get("kind"), (String) r.get("status"),
                ((Number) r.get("progress")).doubleValue(), (String) r.get("step"), instant(r.get("started_at")),
                instant(r.get("finished_at")), (String) r.get("result"), (String) r.get("error"));
    }

    private static OffsetDateTime time(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a time: " + o.getClass());
    }
}
