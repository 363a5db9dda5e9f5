package io.fupan.plugins.leadscoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's ICP fit (属性评分): the sum of the weights of the rules a lead matches, clamped to
 * {@code [0, cap]} when a cap is set.
 *
 * @param rules the rules, in the tenant's order
 * @param cap the highest fit score, or null for none
 */
public record FitPolicy(List<FitRule> rules, BigDecimal cap) {

    public FitPolicy {
        rules = List.copyOf(rules);
        if (rules.stream().map(FitRule::id).distinct().count() != rules.size()) {
            throw new IllegalArgumentException("fit rule ids must be unique");
        }
    }

    /** A lead's fit score and the rules it matched. */
    public record FitScore(BigDecimal score, List<Matched> matched) {}

    /** A matched rule as shown with the score. */
    public record Matched(String ruleId, String field, BigDecimal weight) {}

    /** The fit of the lead with {@code attributes}. */
    public FitScore score(Attributes attributes) {
        BigDecimal sum = BigDecimal.ZERO;
        List<Matched> matched = new ArrayList<>();
        for (FitRule r : rules) {
            if (r.matches(attributes)) {
                sum = sum.add(r.weight());
                matched.add(new Matched(r.id(), r.field(), r.weight()));
            }
        }
        if (cap != null) {
            sum = sum.max(BigDecimal.ZERO).min(cap);
        }
        return new FitScore(sum.setScale(2, RoundingMode.HALF_UP), matched);
    }
}
