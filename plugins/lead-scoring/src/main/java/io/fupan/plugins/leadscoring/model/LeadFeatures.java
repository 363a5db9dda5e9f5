package io.fupan.plugins.leadscoring.model;

import io.fupan.api.data.ActivityRecord;
import io.fupan.api.data.LeadRecord;
import io.fupan.plugins.leadscoring.rules.Attributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The raw features of a lead for the predictive model: its attributes, its custom attributes, and
 * aggregates of its behaviour ({@link ActivityStats}: activity counts by type, days since the last
 * activity, activities in its first week). Never its status or anything derived from the outcome.
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

    /** Empty behaviour aggregates for {@code lead} taken at {@code asOf}. */
    public static ActivityStats stats(LeadRecord lead, Instant asOf) {
        return new ActivityStats(lead.createdAt() == null ? null : lead.createdAt().toInstant(), asOf);
    }

    /** The features of {@code lead} with its {@code activities}, taken at {@code asOf}. */
    public static Map<String, Object> of(LeadRecord lead, List<ActivityRecord> activities, Instant asOf) {
        ActivityStats stats = stats(lead, asOf);
        for (ActivityRecord a : activities) {
            stats.add(a.type(), a.occurredAt() == null ? null : a.occurredAt().toInstant());
        }
        return of(lead, stats);
    }

    /** Feature names of custom attributes, built once per attribute rather than once per lead. */
    private static final Map<String, String> CUSTOM_NAMES = new ConcurrentHashMap<>();

    private static String customName(String key) {
        String name = CUSTOM_NAMES.get(key);
        if (name == null) {
            name = "custom." + key;
            if (CUSTOM_NAMES.size() < 10_000) {   // a tenant's attributes, not whatever a lead's JSON holds
                CUSTOM_NAMES.put(key, name);
            }
        }
        return name;
    }

    /** The features of {@code lead} with its behaviour aggregates. */
    public static Map<String, Object> of(LeadRecord lead, ActivityStats stats) {
        int size = 8 + (lead.custom() == null ? 0 : lead.custom().size()) + stats.types();
        Map<String, Object> f = new HashMap<>(size * 4 / 3 + 1);
        f.put("channel", lead.channel());
        f.put("industry", lead.industry());
        f.put("region", lead.region());
        f.put("employees", lead.employees());
        f.put("emailDomain", lead.email() == null ? null : Attributes.emailQuality(lead.email()));
        if (lead.custom() != null) {
            lead.custom().forEach((k, v) -> f.put(customName(k), v));
        }
        stats.into(f);
        return f;
    }
}
