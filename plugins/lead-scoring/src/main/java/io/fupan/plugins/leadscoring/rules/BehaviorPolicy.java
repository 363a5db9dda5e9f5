package io.fupan.plugins.leadscoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's behaviour scoring (行为积分): its rules, their decay, and the bounds of the total.
 * Awarding happens once per activity ({@link #award}); the score is computed from the awards at any
 * instant ({@link #score}), so decay needs no rewrite of stored points.
 *
 * <p>Order of computation: each award decays from its activity's time; each rule's decayed awards are
 * summed and clamped to {@code ±cap}; the rules' sums are added and the total clamped to
 * {@code [floor, totalCap]}. Scores carry two decimals.
 *
 * @param rules the rules, in the tenant's order
 * @param decay how points age
 * @param totalCap the highest behaviour score, or null for none
 * @param floor the lowest behaviour score, or null for none
 */
public record BehaviorPolicy(List<BehaviorRule> rules, Decay decay, BigDecimal totalCap, BigDecimal floor) {

    public BehaviorPolicy {
        rules = List.copyOf(rules);
        if (totalCap != null && floor != null && floor.compareTo(totalCap) > 0) {
            throw new IllegalArgumentException("the behaviour floor " + floor + " is above the total cap " + totalCap);
        }
        if (rules.stream().map(BehaviorRule::id).distinct().count() != rules.size()) {
            throw new IllegalArgumentException("behaviour rule ids must be unique");
        }
    }

    /** The awards one activity earns: one per matching rule. */
    public List<Award> award(UUID activityId, String type, String detail, Instant occurredAt) {
        List<Award> out = new ArrayList<>(2);
        for (BehaviorRule r : rules) {
            if (r.matches(type, detail)) {
                out.add(new Award(activityId, r.id(), type, occurredAt, r.points()));
            }
        }
        return out;
    }

    /** The score of a lead with {@code awards} at {@code now}, with its breakdown. */
    public BehaviorScore score(List<Award> awards, Instant now) {
        Map<String, BehaviorRule> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        Map<String, Double> sums = new LinkedHashMap<>();
        List<BehaviorScore.Line> lines = new ArrayList<>(awards.size());
        for (Award a : awards) {
            double now1 = a.points().doubleValue() * decay.factor(a.occurredAt(), now);
            sums.merge(a.ruleId(), now1, Double::sum);
            lines.add(new BehaviorScore.Line(a, round(now1)));
        }
        lines.sort(Comparator.comparing((BehaviorScore.Line l) -> l.award().occurredAt()).reversed()
                .thenComparing(l -> l.award().ruleId()));
        List<BehaviorScore.RuleTotal> totals = new ArrayList<>(sums.size());
        double sum = 0;
        for (Map.Entry<String, Double> e : sums.entrySet()) {
            BehaviorRule rule = byId.get(e.getKey());
            double v = e.getValue();
            double counted = v;
            if (rule != null && rule.cap() != null) {
                double cap = rule.cap().doubleValue();
                counted = Math.max(-cap, Math.min(cap, v));
            }
            // A rule the tenant has since removed no longer counts; its awards stay in the history.
            if (rule == null) {
                counted = 0;
            }
            totals.add(new BehaviorScore.RuleTotal(e.getKey(), round(v), round(counted), counted != v));
            sum += counted;
        }
        double bounded = sum;
        if (totalCap != null) {
            bounded = Math.min(bounded, totalCap.doubleValue());
        }
        if (floor != null) {
            bounded = Math.max(bounded, floor.doubleValue());
        }
        return new BehaviorScore(round(bounded), round(sum), totals, lines);
    }

    /** Only the score, without the breakdown: the fast path of a bulk re-score. */
    public double scoreValue(List<Award> awards, Instant now) {
        return score(awards, now).score().doubleValue();
    }

    static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }
}
