package io.fupan.plugins.leadscoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fupan.api.data.LeadRecord;
import io.fupan.api.data.Query;
import io.fupan.api.data.Records;
import io.fupan.plugins.leadscoring.model.ActivityStats;
import io.fupan.plugins.leadscoring.model.LeadFeatures;
import io.fupan.plugins.leadscoring.model.ModelTrainer;
import io.fupan.plugins.leadscoring.model.NotEnoughData;
import io.fupan.plugins.leadscoring.model.Sample;
import io.fupan.plugins.leadscoring.store.ModelVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One training of a tenant's model on its closed leads: reads the converted and disqualified leads and
 * their activities (only theirs, only up to each one's close), trains ({@link ModelTrainer}), stores
 * the new version as the active one, and answers as the train endpoint does. Open leads are never
 * read here: their outcomes cannot reach the model.
 */
final class Training {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Where a background task is. */
    @FunctionalInterface
    interface Progress {
        void at(double share, String step);
    }

    private Training() {}

    /** How many closed leads of each class the tenant has: converted, disqualified. */
    static long[] counts(Records records) {
        long pos = records.leads().list(new Query(Map.of("status", "converted"), 0, 1, null)).total();
        long neg = records.leads().list(new Query(Map.of("status", "disqualified"), 0, 1, null)).total();
        return new long[] {pos, neg};
    }

    /** Trains, stores and activates a new model version; the train endpoint's answer. */
    static Map<String, Object> run(Records records, Scoring scoring, Clock clock, Progress progress)
            throws NotEnoughData, InterruptedException {
        ScoringConfig.ModelSettings settings = scoring.config().model();
        Instant now = clock.instant();
        progress.at(0.0, "reading closed leads");
        Map<UUID, LeadRecord> closed = new LinkedHashMap<>();
        for (String status : List.of("converted", "disqualified")) {
            records.leads().forEach(Map.of("status", status), l -> closed.put(l.id(), l));
        }
        long[] counts = {closed.values().stream().filter(l -> l.status().equals("converted")).count(), 0};
        counts[1] = closed.size() - counts[0];
        if (counts[0] < settings.minPositives() || counts[1] < settings.minNegatives()) {
            throw new NotEnoughData((int) counts[0], (int) counts[1], settings.minPositives(), settings.minNegatives());
        }
        progress.at(0.05, "reading activities");
        Map<UUID, ActivityStats> stats = new HashMap<>();
        records.activities().forEach(Map.of(), a -> {
            LeadRecord l = a.leadId() == null ? null : closed.get(a.leadId());
            if (l != null) {
                stats.computeIfAbsent(l.id(), k -> LeadFeatures.stats(l, LeadFeatures.asOf(l, now)))
                        .add(a.type(), a.occurredAt() == null ? null : a.occurredAt().toInstant());
            }
        });
        List<Sample> samples = new ArrayList<>(closed.size());
        for (LeadRecord l : closed.values()) {
            ActivityStats s = stats.getOrDefault(l.id(), LeadFeatures.stats(l, LeadFeatures.asOf(l, now)));
            samples.add(new Sample(l.id(), LeadFeatures.of(l, s), l.status().equals("converted")));
        }
        closed.clear();
        ModelTrainer trainer = new ModelTrainer(settings.folds(), settings.trees(), 20260101L);
        ModelTrainer.Result r = trainer.train(samples, settings.minPositives(), settings.minNegatives(),
                (share, step) -> progress.at(0.1 + 0.85 * share, step));
        progress.at(0.95, "storing the model");
        int version = scoring.store().nextModelVersion();
        String candidates;
        try {
            candidates = JSON.writeValueAsString(r.candidates());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ModelVersion v = new ModelVersion(version, r.model().algorithm().id(), clock.instant(), r.trainedOn(),
                r.positives(), r.validationAuc(), r.liftTop20(), candidates, true);
        scoring.store().saveModel(v, r.model().toBytes());
        scoring.use(v, r.model());
        return answer(v, r.candidates());
    }

    /** The train endpoint's answer for a stored version (the contract's fields first). */
    static Map<String, Object> answer(ModelVersion v, List<ModelTrainer.Candidate> candidates) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", v.version());
        out.put("trainedOn", v.trainedOn());
        out.put("positives", v.positives());
        out.put("algorithm", v.algorithm());
        out.put("validation", Map.of("auc", v.auc(), "liftTop20", v.liftTop20()));
        List<Map<String, Object>> cands = new ArrayList<>();
        for (ModelTrainer.Candidate c : candidates) {
            cands.add(Map.of("algorithm", c.algorithm(), "cvAuc", c.cvAuc()));
        }
        out.put("candidates", cands);
        out.put("trainedAt", v.trainedAt().toString());
        out.put("active", v.active());
        return out;
    }

    /** The candidates stored with a version. */
    static List<ModelTrainer.Candidate> candidates(ModelVersion v) {
        try {
            return List.of(JSON.readValue(v.candidates(), ModelTrainer.Candidate[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
