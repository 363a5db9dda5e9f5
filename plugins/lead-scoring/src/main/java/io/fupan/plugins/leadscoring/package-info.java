/**
 * The lead-scoring plugin ({@code lead-scoring}): {@link io.fupan.plugins.leadscoring.LeadScoringPlugin} is the
 * PF4J extension; {@code LeadScoring} the per-tenant instance (endpoints, events, jobs); {@code Scoring} the
 * scoring of leads; {@code Training} one training run. Rules live in {@code rules}, the model in {@code model},
 * the plugin's tables behind {@code store}.
 */
package io.fupan.plugins.leadscoring;
