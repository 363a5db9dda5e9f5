package io.fupan.plugins.leadscoring.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * A lead's behaviour score at one instant, with how it came about.
 *
 * @param score the score after decay, per-rule caps and the total bounds
 * @param uncapped the sum of the rules' contributions before the total bounds
 * @param byRule each rule's contribution after decay and its cap
 * @param history every award, newest first, with what it is worth now
 */
public record BehaviorScore(BigDecimal score, BigDecimal uncapped, List<RuleTotal> byRule, List<Line> history) {

    /** One rule's contribution to a lead. */
    public record RuleTotal(String ruleId, BigDecimal decayed, BigDecimal counted, boolean capped) {}

    /** One award as it counts now. */
    public record Line(Award award, BigDecimal now) {}
}
