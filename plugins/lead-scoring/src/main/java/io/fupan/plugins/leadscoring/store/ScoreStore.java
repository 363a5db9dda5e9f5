package io.fupan.plugins.leadscoring.store;

import io.fupan.plugins.leadscoring.rules.Award;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the plugin keeps its state for one tenant: behaviour awards, lead scores, model versions and
 * jobs. The plugin's logic sees only this; {@link SqlScoreStore} keeps it in the plugin's own tables.
 */
public interface ScoreStore {

    /** Runs {@code work} on a store whose statements commit together (one transaction: one round of set-up). */
    <T> T transaction(java.util.function.Function<ScoreStore, T> work);

    /** Records awards (an award already recorded for the same lead, activity and rule is kept as it is). */
    void addAwards(UUID leadId, List<Award> awards);

    /** Replaces the awards of the leads in {@code awards} (a full re-score, chunk by chunk): their awards by lead. */
    void replaceAwards(Map<UUID, List<Award>> awards);

    /** Removes the awards of leads whose score was not written at or after {@code since} (leads that no longer exist). */
    void removeAwardsNotScoredSince(java.time.Instant since);

    /** The awards of a lead. */
    List<Award> awards(UUID leadId);

    /** The awards of some leads, by lead (a lead without awards is absent); one round trip. */
    Map<UUID, List<Award>> awards(Collection<UUID> leadIds);


    /** The last written score of a lead. */
    Optional<LeadState> state(UUID leadId);

    /** Writes scores, replacing earlier ones. */
    void putStates(Collection<LeadState> states);

    /** Open leads ({@code new}, {@code contacted}, {@code mql}, {@code sql}) of {@code ownerId}, highest total first. */
    List<LeadState> openByOwner(UUID ownerId);

    /** The next free model version number. */
    int nextModelVersion();

    /** Stores a model version; with {@code active} it becomes the one that scores. */
    void saveModel(ModelVersion version, byte[] model);

    /** Every model version, newest first. */
    List<ModelVersion> models();

    /** The number of the active model version. */
    Optional<Integer> activeModelVersion();

    /** The active model version with its bytes. */
    Optional<Map.Entry<ModelVersion, byte[]>> activeModel();

    /** Makes {@code version} the active one; false when it does not exist. */
    boolean activate(int version);

    /** Starts a job. */
    void startJob(Job job);

    /** Updates a job's progress, status, result or error. */
    void updateJob(Job job);

    /** A job by id. */
    Optional<Job> job(UUID id);

    /** The latest jobs, newest first. */
    List<Job> recentJobs(int limit);

    /** The running job of {@code kind}, if any. */
    Optional<Job> runningJob(String kind);
}
