package io.fupan.api.data;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A plugin's judgement of an opportunity — how healthy it is, whether it is at risk and why — as a
 * health indicator or risk data provider publishes it ({@link Changes#putOpportunitySignals}). Other
 * plugins the tenant has enabled read it ({@link Records#opportunitySignals}), for example a weekly
 * review listing the deals at risk; the opportunity's detail shows it.
 *
 * @param level {@code healthy}, {@code watch} or {@code at-risk}
 * @param score the indicator's own figure (e.g. a health score out of 100), or null
 * @param reason why, in English, for people (at most 500 characters)
 * @param reasonZh why, in Chinese (zh-CN), or null to show {@code reason}
 * @since 0.3.0
 */
public record OpportunitySignal(String level, BigDecimal score, String reason, String reasonZh) {

    /** The levels, from good to bad. */
    public static final Set<String> LEVELS = Set.of("healthy", "watch", "at-risk");

    /** Longest reason kept, in characters. */
    public static final int MAX_REASON = 500;

    public OpportunitySignal {
        if (level == null || !LEVELS.contains(level)) {
            throw new IllegalArgumentException("level is healthy, watch or at-risk, was " + level);
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason is text of 1.." + MAX_REASON + " characters");
        }
        if (reasonZh != null && (reasonZh.isBlank() || reasonZh.length() > MAX_REASON)) {
            throw new IllegalArgumentException("reasonZh is null or text of 1.." + MAX_REASON + " characters");
        }
    }
}
