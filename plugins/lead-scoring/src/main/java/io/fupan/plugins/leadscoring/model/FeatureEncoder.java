package io.fupan.plugins.leadscoring.model;

import io.fupan.plugins.leadscoring.rules.Attributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns raw lead features (text, numbers, numeric strings, missing values) into the numeric features
 * a model trains on, with choices fitted on the training rows only:
 * <ul>
 *   <li>A column is numeric when at least 95 % of its present values are numbers or numeric strings
 *       ({@code "1,200"} counts); it is standardised with the training mean and deviation and clipped to
 *       ±5; a missing or non-numeric value is the mean (0) plus an indicator {@code <col>@missing}, so
 *       both linear and tree models can learn from absence.</li>
 *   <li>Other columns are categorical: one indicator per value seen at least {@code minCount} times,
 *       at most {@code maxLevels} values per column (the most frequent); rarer values share
 *       {@code <col>=<other>} (high-cardinality columns such as free text or ids shrink to their common
 *       values) and a missing value is {@code <col>=<missing>}.</li>
 * </ul>
 *
 * @param numeric numeric columns with mean and deviation
 * @param categorical categorical columns with their kept values
 */
public record FeatureEncoder(Map<String, double[]> numeric, Map<String, List<String>> categorical) {

    /** Values a categorical level needs to get its own feature. */
    public static final int MIN_COUNT = 5;
    /** Most levels kept per categorical column. */
    public static final int MAX_LEVELS = 60;
    static final String OTHER = "<other>";
    static final String MISSING = "<missing>";

    /** An encoder fitted on {@code rows}. */
    public static FeatureEncoder fit(Collection<Map<String, Object>> rows) {
        Map<String, int[]> presentNumeric = new HashMap<>();   // [present, numeric]
        for (Map<String, Object> r : rows) {
            for (Map.Entry<String, Object> e : r.entrySet()) {
                if (e.getValue() == null || (e.getValue() instanceof String s && s.isBlank())) {
                    continue;
                }
                int[] c = presentNumeric.computeIfAbsent(e.getKey(), k -> new int[2]);
                c[0]++;
                if (Attributes.number(e.getValue()) != null && !(e.getValue() instanceof Boolean)) {
                    c[1]++;
                }
            }
        }
        Map<String, double[]> numeric = new TreeMap<>();
        Map<String, List<String>> categorical = new TreeMap<>();
        for (Map.Entry<String, int[]> e : presentNumeric.entrySet()) {
            String col = e.getKey();
            int[] c = e.getValue();
            if (c[1] >= 0.95 * c[0]) {
                double sum = 0;
                double sq = 0;
                int n = 0;
                for (Map<String, Object> r : rows) {
                    Double d = number(r, col);
                    if (d != null) {
                        sum += d;
                        sq += d * d;
                        n++;
                    }
                }
                double mean = sum / n;
                double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
                // A column with one value everywhere it is present says nothing but its absence.
                if (sd <= 1e-12 && c[0] == rows.size()) {
                    continue;
                }
                numeric.put(col, new double[] {mean, sd > 1e-12 ? sd : 1});
            } else {
                Map<String, Integer> counts = new HashMap<>();
                for (Map<String, Object> r : rows) {
                    String v = text(r.get(col));
                    if (v != null) {
                        counts.merge(v, 1, Integer::sum);
                    }
                }
                List<String> kept = counts.entrySet().stream().filter(x -> x.getValue() >= MIN_COUNT)
                        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(MAX_LEVELS).map(Map.Entry::getKey).sorted().toList();
                categorical.put(col, kept);
            }
        }
        return new FeatureEncoder(numeric, categorical);
    }

    /** The encoded features of {@code row}: names and values, ready for a Tribuo example. */
    public Encoded encode(Map<String, Object> row) {
        List<String> names = new ArrayList<>(numeric.size() + categorical.size() + 4);
        List<Double> values = new ArrayList<>(numeric.size() + categorical.size() + 4);
        numeric.forEach((col, ms) -> {
            Double d = number(row, col);
            if (d == null) {
                names.add(col + "@missing");
                values.add(1.0);
            } else {
                names.add(col);
                values.add(Math.max(-5, Math.min(5, (d - ms[0]) / ms[1])));
            }
        });
        categorical.forEach((col, levels) -> {
            String v = text(row.get(col));
            String level = v == null ? MISSING : levels.contains(v) ? v : OTHER;
            names.add(col + "=" + level);
            values.add(1.0);
        });
        double[] vs = new double[values.size()];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = values.get(i);
        }
        return new Encoded(names.toArray(String[]::new), vs);
    }

    /** This encoder ready to encode many rows (a re-score encodes a million). */
    public Compiled compile() {
        return new Compiled(this);
    }

    /**
     * {@link #encode} with its work done once rather than per row: every feature the encoder can give is
     * numbered (a slot) and named once, each column's levels sit in a hash map instead of a list searched,
     * and a row encodes into slot numbers, which a model can map to its own feature ids once.
     */
    public static final class Compiled {
        private final List<String> names = new ArrayList<>();
        private final String[] numericColumns;
        private final int[] numericSlots;
        private final int[] missingSlots;
        private final double[] means;
        private final double[] deviations;
        private final String[] categoricalColumns;
        private final List<Map<String, Integer>> levelSlots;
        private final int[] otherSlots;
        private final int[] missingLevelSlots;

        private Compiled(FeatureEncoder e) {
            int n = e.numeric().size();
            numericColumns = new String[n];
            numericSlots = new int[n];
            missingSlots = new int[n];
            means = new double[n];
            deviations = new double[n];
            int i = 0;
            for (Map.Entry<String, double[]> c : e.numeric().entrySet()) {
                numericColumns[i] = c.getKey();
                numericSlots[i] = slot(c.getKey());
                missingSlots[i] = slot(c.getKey() + "@missing");
                means[i] = c.getValue()[0];
                deviations[i++] = c.getValue()[1];
            }
            int m = e.categorical().size();
            categoricalColumns = new String[m];
            levelSlots = new ArrayList<>(m);
            otherSlots = new int[m];
            missingLevelSlots = new int[m];
            int j = 0;
            for (Map.Entry<String, List<String>> c : e.categorical().entrySet()) {
                categoricalColumns[j] = c.getKey();
                Map<String, Integer> slots = new HashMap<>();
                for (String level : c.getValue()) {
                    slots.put(level, slot(c.getKey() + "=" + level));
                }
                levelSlots.add(slots);
                otherSlots[j] = slot(c.getKey() + "=" + OTHER);
                missingLevelSlots[j++] = slot(c.getKey() + "=" + MISSING);
            }
        }

        private int slot(String name) {
            names.add(name);
            return names.size() - 1;
        }

        /** How many features a row encodes to: one per column. */
        public int width() {
            return numericColumns.length + categoricalColumns.length;
        }

        /** Every feature this encoder can give, by slot. */
        public List<String> names() {
            return java.util.Collections.unmodifiableList(names);
        }

        /**
         * {@code row}'s features into {@code slots} and {@code values} (each at least {@link #width} long),
         * in {@link FeatureEncoder#encode}'s order.
         */
        public void encode(Map<String, Object> row, int[] slots, double[] values) {
            int n = numericColumns.length;
            for (int i = 0; i < n; i++) {
                Double d = number(row, numericColumns[i]);
                if (d == null) {
                    slots[i] = missingSlots[i];
                    values[i] = 1.0;
                } else {
                    slots[i] = numericSlots[i];
                    values[i] = Math.max(-5, Math.min(5, (d - means[i]) / deviations[i]));
                }
            }
            for (int j = 0; j < categoricalColumns.length; j++) {
                String v = text(row.get(categoricalColumns[j]));
                slots[n + j] = v == null ? missingLevelSlots[j] : levelSlots.get(j).getOrDefault(v, otherSlots[j]);
                values[n + j] = 1.0;
            }
        }

        /** The same features as {@link FeatureEncoder#encode}, in the same order. */
        public Encoded encode(Map<String, Object> row) {
            int[] slots = new int[width()];
            double[] values = new double[slots.length];
            encode(row, slots, values);
            String[] out = new String[slots.length];
            for (int i = 0; i < slots.length; i++) {
                out[i] = names.get(slots[i]);
            }
            return new Encoded(out, values);
        }
    }

    /** The raw columns this encoder knows, for explanations. */
    public List<String> columns() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        numeric.keySet().forEach(k -> all.put(k, true));
        categorical.keySet().forEach(k -> all.put(k, true));
        return List.copyOf(all.keySet());
    }

    /** Whether any feature comes from the lead's activities (else scoring need not read them). */
    public boolean usesActivities() {
        return columns().stream().anyMatch(c -> c.startsWith("activity."));
    }

    /** Encoded features of one row. */
    public record Encoded(String[] names, double[] values) {}

    /** A numeric value; an activity count the row lacks is 0, not missing. */
    static Double number(Map<String, Object> row, String col) {
        Object v = row.get(col);
        if (v == null && col.startsWith(LeadFeatures.COUNT)) {
            return 0.0;
        }
        return v instanceof Boolean ? null : Attributes.number(v);
    }

    static String text(Object v) {
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).strip();
        return s.isEmpty() ? null : s.toLowerCase(java.util.Locale.ROOT);
    }
}
