/**
 * Scoring rules, free of I/O and of the clock (every computation takes its instant): behaviour points with
 * overlap, caps and decay ({@link io.fupan.plugins.leadscoring.rules.BehaviorPolicy}), ICP fit
 * ({@link io.fupan.plugins.leadscoring.rules.FitPolicy}), totals, grades and the MQL threshold
 * ({@link io.fupan.plugins.leadscoring.rules.Grading}).
 */
package io.fupan.plugins.leadscoring.rules;
