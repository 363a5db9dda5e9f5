package io.fupan.plugins.leadscoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Behaviour points at a fixed instant: overlap, per-rule caps, total bounds, decay. */
class BehaviorPolicyTest {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    static BehaviorRule rule(String id, String type, String detail, int points, Integer cap) {
        return new BehaviorRule(id, type, detail, BigDecimal.valueOf(points), cap == null ? null : BigDecimal.valueOf(cap));
    }

    static final List<BehaviorRule> RULES = List.of(
            rule("case-study", "page_view", "case-study", 5, 12),
            rule("pricing", "page_view", "pricing", 10, null),
            rule("any-page", "page_view", null, 1, null),
            rule("unsubscribe", "unsubscribe", null, -20, null));

    static BehaviorPolicy policy(Decay decay, Integer totalCap, Integer floor) {
        return new BehaviorPolicy(RULES, decay, totalCap == null ? null : BigDecimal.valueOf(totalCap),
                floor == null ? null : BigDecimal.valueOf(floor));
    }

    static List<Award> awards(BehaviorPolicy p, String type, String detail, Instant at, int times) {
        List<Award> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(p.award(UUID.randomUUID(), type, detail, at));
        }
        return out;
    }

    @Test
    void award_activityMatchingTwoRules_bothAddUp() {
        BehaviorPolicy p = policy(new Decay.None(), null, null);
        List<Award> a = p.award(UUID.randomUUID(), "page_view", "/pricing?plan=pro", NOW);
        assertThat(a).extracting(Award::ruleId).containsExactly("pricing", "any-page");
        assertThat(p.score(a, NOW).score()).isEqualByComparingTo("11");
    }

    @Test
    void award_otherTypeOrDetail_noPoints() {
        BehaviorPolicy p = policy(new Decay.None(), null, null);
        assertThat(p.award(UUID.randomUUID(), "email_open", "pricing", NOW)).isEmpty();
        assertThat(p.award(UUID.randomUUID(), "PAGE_VIEW", "/Case-Study/acme", NOW)).extracting(Award::ruleId)
                .containsExactly("case-study", "any-page");
    }

    @Test
    void score_ruleOverItsCap_countsCapOnly() {
        BehaviorPolicy p = policy(new Decay.None(), null, null);
        List<Award> a = awards(p, "page_view", "case-study", NOW, 4);   // 4 × (5 + 1)
        BehaviorScore s = p.score(a, NOW);
        assertThat(s.byRule()).filteredOn(r -> r.ruleId().equals("case-study")).singleElement()
                .satisfies(r -> {
                    assertThat(r.decayed()).isEqualByComparingTo("20");
                    assertThat(r.counted()).isEqualByComparingTo("12");
                    assertThat(r.capped()).isTrue();
                });
        assertThat(s.score()).isEqualByComparingTo("16");  // 12 + 4
    }

    @Test
    void score_overTotalCap_clampedAndUncappedKept() {
        BehaviorPolicy p = policy(new Decay.None(), 25, null);
        BehaviorScore s = p.score(awards(p, "page_view", "pricing", NOW, 3), NOW);  // 3 × 11 = 33
        assertThat(s.score()).isEqualByComparingTo("25");
        assertThat(s.uncapped()).isEqualByComparingTo("33");
    }

    @Test
    void score_penaltyBelowFloor_clampedToFloor() {
        BehaviorPolicy p = policy(new Decay.None(), 100, 0);
        List<Award> a = new ArrayList<>(awards(p, "page_view", "pricing", NOW, 1));
        a.addAll(awards(p, "unsubscribe", null, NOW, 1));
        assertThat(p.score(a, NOW).uncapped()).isEqualByComparingTo("-9");
        assertThat(p.score(a, NOW).score()).isEqualByComparingTo("0");
        assertThat(policy(new Decay.None(), null, null).score(a, NOW).score()).isEqualByComparingTo("-9");
    }

    @Test
    void score_halfLife_pointsHalveEachHalfLife() {
        BehaviorPolicy p = policy(new Decay.HalfLife(30), null, null);
        List<Award> a = awards(p, "page_view", "pricing", NOW.minus(Duration.ofDays(30)), 1);
        assertThat(p.score(a, NOW).score()).isEqualByComparingTo("5.50");
        assertThat(p.score(a, NOW.plus(Duration.ofDays(30))).score()).isEqualByComparingTo("2.75");
        assertThat(p.score(a, NOW.minus(Duration.ofDays(30))).score()).isEqualByComparingTo("11");
    }

    @Test
    void score_linearPerMonth_losesShareMonthlyThenNothing() {
        BehaviorPolicy p = policy(new Decay.Linear(0.25), null, null);
        List<Award> a = awards(p, "page_view", "pricing", NOW, 1);  // 11 points
        assertThat(p.score(a, NOW.plus(Duration.ofDays(30))).score()).isEqualByComparingTo("8.25");
        assertThat(p.score(a, NOW.plus(Duration.ofDays(60))).score()).isEqualByComparingTo("5.50");
        assertThat(p.score(a, NOW.plus(Duration.ofDays(120))).score()).isEqualByComparingTo("0");
        assertThat(p.score(a, NOW.plus(Duration.ofDays(400))).score()).isEqualByComparingTo("0");
    }

    @Test
    void score_capAppliesAfterDecay() {
        BehaviorPolicy p = policy(new Decay.HalfLife(10), null, null);
        // 4 case-study views 10 days ago: 4 × 5 × 0.5 = 10 (under the cap of 12), any-page 4 × 0.5 = 2.
        BehaviorScore s = p.score(awards(p, "page_view", "case-study", NOW.minus(Duration.ofDays(10)), 4), NOW);
        assertThat(s.score()).isEqualByComparingTo("12");
        assertThat(s.byRule()).noneMatch(BehaviorScore.RuleTotal::capped);
    }

    @Test
    void score_history_newestFirstWithValueNow() {
        BehaviorPolicy p = policy(new Decay.HalfLife(30), null, null);
        List<Award> a = new ArrayList<>(awards(p, "page_view", "pricing", NOW.minus(Duration.ofDays(60)), 1));
        a.addAll(awards(p, "unsubscribe", null, NOW.minus(Duration.ofDays(1)), 1));
        BehaviorScore s = p.score(a, NOW);
        assertThat(s.history()).hasSize(3);
        assertThat(s.history().get(0).award().ruleId()).isEqualTo("unsubscribe");
        assertThat(s.history()).filteredOn(l -> l.award().ruleId().equals("pricing")).singleElement()
                .satisfies(l -> assertThat(l.now()).isEqualByComparingTo("2.50"));
    }

    @Test
    void score_awardOfRemovedRule_keptInHistoryNotCounted() {
        BehaviorPolicy p = policy(new Decay.None(), null, null);
        List<Award> a = List.of(new Award(UUID.randomUUID(), "gone", "webinar", NOW, BigDecimal.TEN));
        BehaviorScore s = p.score(a, NOW);
        assertThat(s.score()).isEqualByComparingTo("0");
        assertThat(s.history()).hasSize(1);
    }

    @Test
    void policy_floorAboveCap_refused() {
        assertThatThrownBy(() -> policy(new Decay.None(), 10, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decay.HalfLife(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decay.Linear(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
