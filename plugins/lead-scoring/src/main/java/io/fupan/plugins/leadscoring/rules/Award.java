package io.fupan.plugins.leadscoring.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Points a rule gave a lead for one activity: one line of the lead's behaviour history.
 *
 * @param activityId the activity
 * @param ruleId the rule that matched
 * @param activityType the activity's type
 * @param occurredAt when the activity happened (decay runs from here)
 * @param points the rule's points at the time
 */
public record Award(UUID activityId, String ruleId, String activityType, Instant occurredAt, BigDecimal points) {}
