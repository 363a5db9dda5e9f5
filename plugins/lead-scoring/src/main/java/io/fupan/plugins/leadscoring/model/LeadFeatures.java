package io.fupan.plugins.leadscoring.model;

import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.LeadRecord;
import io.fupan.plugins.leadscoring.rules.Attributes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The raw features of a lead for the predictive model: its attributes, its custom attributes, and
 * aggregates of its behaviour (activity counts by type, days since the last activity, activities in
 * its first week). Never its status or anything derived from the outcome.
 *
 * <p>Honesty about time: a closed lead's behaviour is read only up to when it was closed
 * ({@code statusChangedAt}), so what happened after the outcome was known cannot leak into training;
 * an open lead's up to {@code now}.
 */
public final class LeadFeatures {

    /** Statuses that are outcomes: the training labels. */
    public static final Set<String> CLOSED = Set.of("converted", "disqualified");

    /** Prefix of the activity counts by type. */
    public static final String COUNT = "activity.count.";

    private LeadFeatures() {}

    /** The instant a lead's features are taken at: its close for a closed lead, else {@code now}. */
    public static Instant asOf(LeadRecord lead, Instant now) {
        if (CLOSED.contains(lead.status()) && lead.statusChangedAt() != null) {
            return lead.statusChangedAt().toInstant();
        }
        return now;
    }

    /** The features of {@code lead} with its {@code activities}, taken at {@code asOf}. */
    public static Map<String, Object> of(LeadRecord lead, List<ActivityRecord> activities, Instant asOf) {
        Map<String, Object> f = new HashMap<>();
        f.put("channel", lead.channel());
        f.put("industry", lead.industry());
        f.put("region", lead.region());
        f.put("employees", lead.employees());
        f.put("emailDomain", lead.email() == null ? null : Attributes.emailQuality(lead.email()));
        if (lead.custom() != null) {
            lead.custom().forEach((k, v) -> f.put("custom." + k, v));
        }
        Instant created = lead.createdAt() == null ? null : lead.createdAt().toInstant();
        int total = 0;
        int firstWeek = 0;
        Instant last = null;
        Map<String, Integer> byType = new HashMap<>();
        for (ActivityRecord a : activities) {
            OffsetDateTime at = a.occurredAt();
            if (at == null || at.toInstant().isAfter(asOf)) {
                continue;
            }
            total++;
            byType.merge(COUNT + a.type().toLowerCase(Locale.ROOT), 1, Integer::sum);
            if (created != null && !at.toInstant().isAfter(created.plus(Duration.ofDays(7)))) {
                firstWeek++;
            }
            if (last == null || at.toInstant().isAfter(last)) {
                last = at.toInstant();
            }
        }
        // A type the lead never had counts 0 (FeatureEncoder reads an absent count as 0).
        f.putAll(byType);
        f.put("activity.total", total);
        f.put("activity.firstWeek", firstWeek);
        f.put("activity.daysSinceLast", last == null ? null : Duration.between(last, asOf).toHours() / 24.0);
        return f;
    }
}
