package io.fupan.plugins.leadscoring;

import io.fupan.api.PluginConfig;
import io.fupan.api.data.Changes;
import io.fupan.api.data.Records;
import io.fupan.api.storage.PluginTables;
import io.fupan.plugins.leadscoring.model.TrainedModel;
import io.fupan.plugins.leadscoring.store.ModelVersion;
import io.fupan.plugins.leadscoring.store.SqlScoreStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The per-activity work of the plugin without its threads, for the benchmark in another package. */
public final class ScoringAccess {

    private final Scoring scoring;

    /** Scoring with the default config over {@code tables}, with {@code model} stored and active. */
    public ScoringAccess(Records records, Changes changes, PluginTables tables, Clock clock, TrainedModel model) {
        scoring = new Scoring(records, changes, new SqlScoreStore(tables), ScoringConfig.of(new PluginConfig(Map.of())), clock);
        ModelVersion v = new ModelVersion(1, model.algorithm().id(), clock.instant(), 0, 0, 0, 0, "[]", true);
        scoring.store().saveModel(v, model.toBytes());
    }

    /** What one {@code activity.recorded} costs: its awards stored (one transaction), its lead re-scored and written (another), as the instance does it. */
    public void onActivity(UUID activityId, UUID leadId) {
        scoring.onActivity(activityId, leadId);
    }

    public static Instant now(Clock clock) {
        return clock.instant();
    }
}
