package io.fupan.plugins.leadscoring.rules;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A tenant's behaviour rule (行为积分规则): an activity of {@code activityType} whose detail (the
 * activity's subject, e.g. the page viewed) contains {@code detailContains} earns {@code points}
 * (negative for a penalty, e.g. an unsubscribe). Several rules may match one activity: each awards
 * its points (overlapping rules add up). {@code cap}, when set, bounds the absolute sum one rule may
 * contribute to one lead (after decay).
 *
 * @param id stable identifier, shown in the lead's score history
 * @param activityType the activity type (e.g. {@code page_view}); {@code *} for any
 * @param detailContains text the activity's subject must contain (case-insensitive); null for any
 * @param points points per matching activity
 * @param cap largest absolute contribution of this rule to one lead, or null for none
 */
public record BehaviorRule(String id, String activityType, String detailContains, BigDecimal points, BigDecimal cap) {

    public BehaviorRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(activityType, "activityType");
        Objects.requireNonNull(points, "points");
        if (cap != null && cap.signum() < 0) {
            throw new IllegalArgumentException("cap of rule " + id + " must not be negative");
        }
        detailContains = detailContains == null || detailContains.isBlank() ? null : detailContains.toLowerCase(Locale.ROOT);
    }

    /** Whether an activity of {@code type} with {@code detail} earns this rule's points. */
    public boolean matches(String type, String detail) {
        if (!"*".equals(activityType) && !activityType.equalsIgnoreCase(type)) {
            return false;
        }
        return detailContains == null || (detail != null && detail.toLowerCase(Locale.ROOT).contains(detailContains));
    }
}
