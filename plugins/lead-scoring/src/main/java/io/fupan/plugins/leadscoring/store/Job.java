package io.fupan.plugins.leadscoring.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Background work of the plugin: a training or a re-scoring.
 *
 * @param status {@code running}, {@code done} or {@code failed}
 * @param progress share done, 0..1
 * @param result the outcome as JSON (a training: the train endpoint's answer), or null
 * @param error why it failed, or null
 */
public record Job(UUID id, String kind, String status, double progress, String step, Instant startedAt,
                  Instant finishedAt, String result, String error) {}
