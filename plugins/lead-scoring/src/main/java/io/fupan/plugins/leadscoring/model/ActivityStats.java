package io.fupan.plugins.leadscoring.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lead's behaviour aggregates for the model, accumulated one activity at a time (so a bulk pass over
 * millions of activities keeps only these counters per lead): counts by type, the last activity, and
 * activities in the lead's first week. Activities after {@code asOf} are ignored.
 */
public final class ActivityStats {

    private static final long WEEK_MS = 7L * 86_400_000L;
    private final long createdAt;
    private final long asOf;
    private final Map<String, Integer> byType = new HashMap<>(4);
    private int total;
    private int firstWeek;
    private long last = Long.MIN_VALUE;

    /** Stats of a lead created at {@code createdAt} (null if unknown), taken at {@code asOf}. */
    public ActivityStats(Instant createdAt, Instant asOf) {
        this.createdAt = createdAt == null ? Long.MIN_VALUE : createdAt.toEpochMilli();
        this.asOf = asOf.toEpochMilli();
    }

    /** Counts one activity. */
    public void add(String type, Instant occurredAt) {
        if (occurredAt == null || type == null) {
            return;
        }
        long at = occurredAt.toEpochMilli();
        if (at > asOf) {
            return;
        }
        total++;
        byType.merge(type.toLowerCase(Locale.ROOT), 1, Integer::sum);
        if (createdAt != Long.MIN_VALUE && at <= createdAt + WEEK_MS) {
            firstWeek++;
        }
        last = Math.max(last, at);
    }

    /** How many activity types were counted. */
    int types() {
        return byType.size();
    }

    /** Puts the aggregates into {@code features}. */
    void into(Map<String, Object> features) {
        byType.forEach((t, n) -> features.put(LeadFeatures.COUNT + t, n));
        features.put("activity.total", total);
        features.put("activity.firstWeek", firstWeek);
        features.put("activity.daysSinceLast", last == Long.MIN_VALUE ? null : (asOf - last) / 86_400_000.0);
    }
}
