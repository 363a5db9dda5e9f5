/**
 * The review-dashboards plugin (issue 6). {@link io.fupan.plugins.review.ReviewDashboardsPlugin} is the
 * factory; {@code ReviewDashboards} the per-tenant instance (endpoints, event listener, jobs);
 * {@code Facts} keeps the per-opportunity facts in the plugin's tables; {@code Funnel} turns them into
 * the figures of METRICS.md with one aggregate statement per question.
 */
package io.fupan.plugins.review;
