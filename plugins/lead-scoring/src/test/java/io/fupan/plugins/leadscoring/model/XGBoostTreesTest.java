package io.fupan.plugins.leadscoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** XGBoost's prediction in Java gives what Tribuo's prediction through the native library gives. */
class XGBoostTreesTest {

    /** A lead's raw features: numbers (some missing or as text), categories (some rare or never seen in training). */
    private static Map<String, Object> row(Random random, boolean training) {
        Map<String, Object> m = new HashMap<>();
        double spend = random.nextDouble() * 100;
        if (random.nextInt(10) > 0) {
            m.put("custom.spend", random.nextInt(4) == 0 ? String.format("%,.2f", spend * 100) : spend);
        }
        m.put("employees", random.nextInt(5000));
        m.put("custom.plan", "plan-" + random.nextInt(training ? 12 : 15));
        if (random.nextInt(5) > 0) {
            m.put("region", random.nextBoolean() ? "East" : "west ");
        }
        m.put("converted", spend > 60 || random.nextInt(8) == 0);
        return m;
    }

    @Test
    void xgboost_directPredictionEqualsTribuos_alsoAfterReadingTheModelBack() {
        Random random = new Random(5);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Map<String, Object> r = row(random, true);
            boolean label = (Boolean) r.remove("converted");
            samples.add(new Sample(UUID.randomUUID(), r, label));
        }
        TrainedModel model = new ModelTrainer(3, 40, 7).fit(Algorithm.XGBOOST, samples);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {   // more than one batch
            Map<String, Object> r = row(random, false);
            r.remove("converted");
            rows.add(r);
        }
        rows.add(Map.of());   // nothing known

        double[] tribuo = model.predictThroughTribuo(rows);
        // The same trees, splits and float sums; the softmax's exponential is Java's here and C's expf there,
        // which may differ in the last bit of a float.
        assertThat(model.predict(rows)).containsExactly(tribuo, within(1e-6));
        TrainedModel read = TrainedModel.fromBytes(model.toBytes());
        assertThat(read.predict(rows)).containsExactly(tribuo, within(1e-6));
        assertThat(read.predictThroughTribuo(rows)).containsExactly(tribuo);
        // Not a constant: the model separates the rows.
        assertThat(java.util.Arrays.stream(tribuo).distinct().count()).isGreaterThan(50);
    }
}
