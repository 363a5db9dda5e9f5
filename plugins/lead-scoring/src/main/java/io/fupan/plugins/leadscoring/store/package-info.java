/**
 * The plugin's state in its own tables (migration {@code db/lead-scoring}): behaviour awards, lead scores,
 * model versions, background jobs. {@link io.fupan.plugins.leadscoring.store.ScoreStore} is what the logic sees.
 */
package io.fupan.plugins.leadscoring.store;
