package io.fupan.plugins.leadscoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fupan.api.data.AccountRecord;
import io.fupan.api.data.LeadRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ICP fit: each test, custom and account attributes, numeric strings, the cap, and rule validation. */
class FitPolicyTest {

    static LeadRecord lead(String industry, Integer employees, String email, Map<String, Object> custom) {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-05T10:00:00Z");
        return new LeadRecord(UUID.randomUUID(), "x", "Li Lei", "Acme", email, "web", industry, "east", employees, "new",
                null, null, null, custom, t, t);
    }

    static FitRule rule(String id, String field, String op, List<String> values, Double min, Double max, int w) {
        return new FitRule(id, field, op, values, min, max, BigDecimal.valueOf(w));
    }

    static final FitPolicy POLICY = new FitPolicy(List.of(
            rule("industry", "industry", "in", List.of("Software", "Finance"), null, null, 20),
            rule("size", "employees", "range", null, 50.0, 1000.0, 15),
            rule("exec", "custom.title", "keywords", List.of("CTO", "vp ", "总监"), null, null, 10),
            rule("business-mail", "emailDomain", "in", List.of("business"), null, null, 10),
            rule("free-mail", "emailDomain", "in", List.of("free"), null, null, -5),
            rule("budget", "custom.budget", "range", null, 10000.0, null, 8),
            rule("tier-1", "account.tier", "in", List.of("strategic"), null, null, 12)), BigDecimal.valueOf(60));

    @Test
    void score_matchingRules_sumOfWeightsWithMatchedListed() {
        LeadRecord l = lead("software", 200, "li@acme.cn", Map.of("title", "VP of Engineering", "budget", "25,000"));
        FitPolicy.FitScore s = POLICY.score(new Attributes(l, null));
        assertThat(s.score()).isEqualByComparingTo("60");  // 20+15+10+10+8 = 63, capped at 60
        assertThat(s.matched()).extracting(FitPolicy.Matched::ruleId)
                .containsExactly("industry", "size", "exec", "business-mail", "budget");
    }

    @Test
    void score_freeMailOutsideRange_penaltyAndNoMatch() {
        LeadRecord l = lead("retail", 5000, "someone@qq.com", Map.of("title", "engineer"));
        FitPolicy.FitScore s = POLICY.score(new Attributes(l, null));
        assertThat(s.matched()).extracting(FitPolicy.Matched::ruleId).containsExactly("free-mail");
        assertThat(s.score()).isEqualByComparingTo("0");   // −5 clamped at 0 by the cap's range
    }

    @Test
    void score_accountAttribute_readFromTheLeadsAccount() {
        LeadRecord l = lead(null, null, "bad-address", Map.of());
        AccountRecord a = new AccountRecord(UUID.randomUUID(), "a", "Acme", "software", "east", 300, null, "Strategic",
                null, null, Map.of(), null, null);
        assertThat(POLICY.score(new Attributes(l, a)).matched()).extracting(FitPolicy.Matched::ruleId)
                .containsExactly("tier-1");
        assertThat(POLICY.score(new Attributes(l, null)).matched()).isEmpty();
    }

    @Test
    void emailQuality_classes() {
        assertThat(Attributes.emailQuality("a@corp.example.com")).isEqualTo("business");
        assertThat(Attributes.emailQuality("A@Gmail.com")).isEqualTo("free");
        assertThat(Attributes.emailQuality("a@163.com")).isEqualTo("free");
        assertThat(Attributes.emailQuality("no-at-sign")).isEqualTo("invalid");
        assertThat(Attributes.emailQuality("a@localhost")).isEqualTo("invalid");
        assertThat(Attributes.emailQuality(null)).isEqualTo("invalid");
    }

    @Test
    void number_numericStrings() {
        assertThat(Attributes.number("1,200")).isEqualTo(1200.0);
        assertThat(Attributes.number(" 3.5 ")).isEqualTo(3.5);
        assertThat(Attributes.number("12%")).isNull();
        assertThat(Attributes.number("")).isNull();
        assertThat(Attributes.number(7)).isEqualTo(7.0);
        assertThat(Attributes.number("1_000")).isEqualTo(1000.0);
        assertThat(Attributes.number("-2.5e3")).isEqualTo(-2500.0);
        assertThat(Attributes.number("+.5")).isEqualTo(0.5);
        assertThat(Attributes.number("0.1")).isEqualTo(0.1);
        // Forms Java's Double reads but a person's number is not: text.
        for (String text : new String[] {"NaN", "Infinity", "-Infinity", "0x1p3", "12d", "3f", "yes", "1e", "1.2.3", "--1",
                "1e400", "."}) {
            assertThat(Attributes.number(text)).as(text).isNull();
        }
    }

    @Test
    void rule_invalid_refusedNamingTheField() {
        assertThatThrownBy(() -> rule("x", "shoeSize", "in", List.of("a"), null, null, 1))
                .hasMessageStartingWith("field:");
        assertThatThrownBy(() -> rule("x", "industry", "in", List.of(), null, null, 1)).hasMessageStartingWith("values:");
        assertThatThrownBy(() -> rule("x", "employees", "range", null, null, null, 1)).hasMessageStartingWith("min:");
        assertThatThrownBy(() -> rule("x", "employees", "between", null, 1.0, 2.0, 1)).hasMessageStartingWith("op:");
    }
}
