package io.fupan.plugins.leadscoring.store;

import java.time.Instant;

/**
 * A stored model version (its bytes apart).
 *
 * @param candidates the competing algorithms with their cross-validated AUC, as JSON
 */
public record ModelVersion(int version, String algorithm, Instant trainedAt, int trainedOn, int positives, double auc,
                           double liftTop20, String candidates, boolean active) {}
