package io.fupan.plugins.leadscoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding of raw lead features: numeric strings, missing values, rare and high-cardinality categories. */
class FeatureEncoderTest {

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The row's features; the compiled encoder (a re-score's) must give exactly the same, in the same order. */
    static Map<String, Double> encoded(FeatureEncoder e, Map<String, Object> row) {
        FeatureEncoder.Encoded x = e.encode(row);
        FeatureEncoder.Encoded compiled = e.compile().encode(row);
        assertThat(compiled.names()).containsExactly(x.names());
        assertThat(compiled.values()).containsExactly(x.values());
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < x.names().length; i++) {
            m.put(x.names()[i], x.values()[i]);
        }
        return m;
    }

    @Test
    void numericStrings_standardised_missingIsMeanPlusIndicator() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(row("custom.budget", i % 2 == 0 ? "1,000" : "3000"));
        }
        rows.add(row("custom.budget", null));
        FeatureEncoder e = FeatureEncoder.fit(rows);
        assertThat(e.numeric()).containsKey("custom.budget");
        assertThat(encoded(e, row("custom.budget", "3,000"))).containsEntry("custom.budget", 1.0);
        assertThat(encoded(e, row("custom.budget", 1000))).containsEntry("custom.budget", -1.0);
        assertThat(encoded(e, row())).containsEntry("custom.budget@missing", 1.0).doesNotContainKey("custom.budget");
        assertThat(encoded(e, row("custom.budget", "n/a"))).containsEntry("custom.budget@missing", 1.0);
        assertThat(encoded(e, row("custom.budget", "1e9"))).containsEntry("custom.budget", 5.0);   // clipped
    }

    @Test
    void categories_rareAndUnseenShareOther_topLevelsKept() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // 80 common values seen 5+ times each (more than MAX_LEVELS), and 100 ids seen once
            rows.add(row("custom.city", "city-" + (i % 80), "custom.ref", i < 100 ? "id-" + i : "CN"));
        }
        FeatureEncoder e = FeatureEncoder.fit(rows);
        assertThat(e.categorical().get("custom.city")).hasSize(FeatureEncoder.MAX_LEVELS);
        assertThat(e.categorical().get("custom.ref")).containsExactly("cn");
        assertThat(encoded(e, row("custom.ref", "id-7"))).containsEntry("custom.ref=<other>", 1.0);
        assertThat(encoded(e, row("custom.ref", " Cn "))).containsEntry("custom.ref=cn", 1.0);
        assertThat(encoded(e, row())).containsEntry("custom.ref=<missing>", 1.0);
    }

    @Test
    void mostlyText_isCategorical_activityCountsMissingAreZero() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row("custom.size", i < 5 ? "large" : "12", LeadFeatures.COUNT + "demo", i < 3 ? 2 : null));
        }
        FeatureEncoder e = FeatureEncoder.fit(rows);
        assertThat(e.categorical()).containsKey("custom.size");
        assertThat(e.numeric()).containsKey(LeadFeatures.COUNT + "demo");
        assertThat(encoded(e, row())).doesNotContainKey(LeadFeatures.COUNT + "demo@missing");
    }

    @Test
    void evaluation_aucAndLift() {
        assertThat(Evaluation.auc(new double[] {0.1, 0.2, 0.3, 0.4}, new boolean[] {false, false, true, true})).isEqualTo(1.0);
        assertThat(Evaluation.auc(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {false, true, false, true})).isEqualTo(0.5);
        assertThat(Evaluation.auc(new double[] {0.4, 0.3, 0.2, 0.1}, new boolean[] {false, false, true, true})).isEqualTo(0.0);
        double[] s = new double[10];
        boolean[] y = new boolean[10];
        Arrays.setAll(s, i -> i);
        y[9] = true;
        y[0] = true;
        assertThat(Evaluation.liftTop(s, y, 0.2)).isEqualTo(2.5);   // top 2 hold 1 of 2 positives: 0.5 / 0.2
        assertThatThrownBy(() -> Evaluation.auc(new double[] {1}, new boolean[] {true})).isInstanceOf(IllegalArgumentException.class);
    }
}
