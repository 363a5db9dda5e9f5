package io.fupan.plugins.leadscoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Totals, grade thresholds and the MQL threshold. */
class GradingTest {

    static final Grading G = new Grading(1, 1, 100, new BigDecimal("120"), new BigDecimal("80"), new BigDecimal("40"),
            new BigDecimal("60"));

    @Test
    void total_weightsThePartsAndAddsPredictedOnlyWhenPresent() {
        assertThat(G.total(new BigDecimal("30"), new BigDecimal("20"), null)).isEqualByComparingTo("50");
        assertThat(G.total(new BigDecimal("30"), new BigDecimal("20"), 0.25)).isEqualByComparingTo("75");
        Grading weighted = new Grading(0.5, 2, 0, G.a(), G.b(), G.c(), null);
        assertThat(weighted.total(new BigDecimal("30"), new BigDecimal("20"), 0.9)).isEqualByComparingTo("55");
    }

    @Test
    void grade_atAndAroundThresholds() {
        assertThat(G.grade(new BigDecimal("120"))).isEqualTo("A");
        assertThat(G.grade(new BigDecimal("119.99"))).isEqualTo("B");
        assertThat(G.grade(new BigDecimal("80"))).isEqualTo("B");
        assertThat(G.grade(new BigDecimal("40"))).isEqualTo("C");
        assertThat(G.grade(new BigDecimal("39.99"))).isEqualTo("D");
        assertThat(G.grade(new BigDecimal("-5"))).isEqualTo("D");
    }

    @Test
    void becomesMql_onlyOpenUnqualifiedLeadsAtOrAboveThreshold() {
        assertThat(G.becomesMql("new", new BigDecimal("60"))).isTrue();
        assertThat(G.becomesMql("contacted", new BigDecimal("75"))).isTrue();
        assertThat(G.becomesMql("new", new BigDecimal("59.99"))).isFalse();
        assertThat(G.becomesMql("mql", new BigDecimal("90"))).isFalse();
        assertThat(G.becomesMql("sql", new BigDecimal("90"))).isFalse();
        assertThat(G.becomesMql("disqualified", new BigDecimal("90"))).isFalse();
        assertThat(new Grading(1, 1, 1, G.a(), G.b(), G.c(), null).becomesMql("new", new BigDecimal("999"))).isFalse();
    }

    @Test
    void thresholds_outOfOrder_refused() {
        assertThatThrownBy(() -> new Grading(1, 1, 1, new BigDecimal("10"), new BigDecimal("20"), BigDecimal.ONE, null))
                .hasMessageStartingWith("grades:");
    }
}
