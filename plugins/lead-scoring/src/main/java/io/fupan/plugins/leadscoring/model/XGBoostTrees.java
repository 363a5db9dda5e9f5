package io.fupan.plugins.leadscoring.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * A Tribuo XGBoost model's P(converted), computed in Java from the booster's own trees (its JSON model), with
 * the compiled encoder's slots mapped once to the model's feature ids. Tribuo's path builds a named example
 * per row, sorts and looks up its names, boxes every value, and hands a sparse matrix to the native library,
 * whose single-threaded predictor walks the trees; for a million leads (300 trees of depth 4) that took 7.0 s,
 * this 5.4 s, on one core of the benchmark machine. Here a row is a dense array, the trees flat arrays walked
 * in a loop.
 * <p>
 * It is XGBoost's computation (version 1.6, {@code multi:softprob}): margins start at {@code base_score}, each
 * tree adds its leaf to its class's margin in tree order (in float), a split goes left when the value is
 * below its condition and a feature the row lacks follows the split's default; softmax as XGBoost computes
 * it. {@code XGBoostTreesTest} compares it with Tribuo's prediction on every row. A model of another shape
 * (another objective, categorical splits, leaf vectors, forests) is not taken: {@link #of} gives null and
 * Tribuo predicts.
 */
final class XGBoostTrees {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeatureEncoder.Compiled encoder;
    private final int positive;
    private final int classes;
    private final float baseScore;
    private final int[] ids;
    private final int bias;
    private final int features;
    private final int[] roots;
    private final int[] treeClass;
    private final int[] left;
    private final int[] right;
    private final int[] split;
    private final float[] value;
    private final boolean[] defaultLeft;

    private XGBoostTrees(FeatureEncoder.Compiled encoder, int positive, int classes, float baseScore, int[] ids,
                         int bias, int features, int[] roots, int[] treeClass, int[] left, int[] right, int[] split, float[] value,
                         boolean[] defaultLeft) {
        this.encoder = encoder;
        this.positive = positive;
        this.classes = classes;
        this.baseScore = baseScore;
        this.ids = ids;
        this.bias = bias;
        this.features = features;
        this.roots = roots;
        this.treeClass = treeClass;
        this.left = left;
        this.right = right;
        this.split = split;
        this.value = value;
        this.defaultLeft = defaultLeft;
    }

    /** The Java path for {@code model}, or null when it is not a one-booster XGBoost model of the shape above. */
    static XGBoostTrees of(Model<Label> model, FeatureEncoder.Compiled encoder, String biasFeature) {
        if (!(model instanceof XGBoostModel<Label> xgb)) {
            return null;
        }
        List<Booster> boosters = xgb.getInnerModels();   // copies, freed here once read
        int positive = model.getOutputIDInfo().getID(new Label(TrainedModel.POSITIVE));
        JsonNode learner;
        try {
            if (boosters.size() != 1 || positive < 0) {
                return null;
            }
            learner = JSON.readTree(boosters.get(0).toByteArray("json")).path("learner");
        } catch (XGBoostError | IOException e) {
            return null;
        } finally {
            boosters.forEach(Booster::dispose);
        }
        JsonNode booster = learner.path("gradient_booster");
        JsonNode params = learner.path("learner_model_param");
        int classes = params.path("num_class").asInt(-1);
        if (!"multi:softprob".equals(learner.path("objective").path("name").asText())
                || !"gbtree".equals(booster.path("name").asText())
                || !"1".equals(booster.path("model").path("gbtree_model_param").path("num_parallel_tree").asText())
                || classes != model.getOutputIDInfo().size() || positive >= classes) {
            return null;
        }
        ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        JsonNode trees = booster.path("model").path("trees");
        JsonNode info = booster.path("model").path("tree_info");
        int nodes = 0;
        for (JsonNode t : trees) {
            nodes += t.path("left_children").size();
        }
        int[] roots = new int[trees.size()];
        int[] treeClass = new int[trees.size()];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        int[] split = new int[nodes];
        float[] value = new float[nodes];
        boolean[] defaultLeft = new boolean[nodes];
        int at = 0;
        for (int t = 0; t < trees.size(); t++) {
            JsonNode tree = trees.get(t);
            int n = tree.path("left_children").size();
            if (!tree.path("categories_nodes").isEmpty() || !"0".equals(tree.path("tree_param").path("size_leaf_vector").asText())
                    || tree.path("right_children").size() != n || tree.path("split_conditions").size() != n
                    || tree.path("split_indices").size() != n || tree.path("default_left").size() != n) {
                return null;
            }
            roots[t] = at;
            treeClass[t] = info.path(t).asInt(-1);
            if (treeClass[t] < 0 || treeClass[t] >= classes) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                int l = tree.path("left_children").get(i).asInt();
                int r = tree.path("right_children").get(i).asInt();
                int f = tree.path("split_indices").get(i).asInt();
                if (tree.path("split_type").path(i).asInt(0) != 0 || (l < 0) != (r < 0) || l >= n || r >= n
                        || (l >= 0 && (f < 0 || f >= featureMap.size()))) {
                    return null;
                }
                left[at + i] = l < 0 ? -1 : at + l;
                right[at + i] = r < 0 ? -1 : at + r;
                split[at + i] = f;
                // The JSON writes each float shortest for a round trip, so this is the model's own float.
                value[at + i] = Float.parseFloat(tree.path("split_conditions").get(i).asText());
                defaultLeft[at + i] = tree.path("default_left").get(i).asInt() != 0;
            }
            at += n;
        }
        List<String> names = encoder.names();
        int[] ids = new int[names.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = featureMap.getID(names.get(i));
        }
        return new XGBoostTrees(encoder, positive, classes, Float.parseFloat(params.path("base_score").asText()),
                ids, featureMap.getID(biasFeature), featureMap.size(), roots, treeClass, left, right, split, value,
                defaultLeft);
    }

    /** The model's probability of the positive label for each row, as Tribuo's prediction gives it. */
    float[] positive(List<Map<String, Object>> rows) {
        int width = encoder.width();
        int[] slots = new int[width];
        double[] values = new double[width];
        float[] x = new float[features];
        boolean[] present = new boolean[features];
        float[] margin = new float[classes];
        float[] out = new float[rows.size()];
        for (int r = 0; r < out.length; r++) {
            encoder.encode(rows.get(r), slots, values);
            for (int i = 0; i < width; i++) {
                int id = ids[slots[i]];
                if (id >= 0) {
                    x[id] = (float) values[i];
                    present[id] = true;
                }
            }
            if (bias >= 0) {
                x[bias] = 1f;
                present[bias] = true;
            }
            java.util.Arrays.fill(margin, baseScore);
            for (int t = 0; t < roots.length; t++) {
                int n = roots[t];
                while (left[n] >= 0) {
                    int f = split[n];
                    n = present[f] ? (x[f] < value[n] ? left[n] : right[n]) : (defaultLeft[n] ? left[n] : right[n]);
                }
                margin[treeClass[t]] += value[n];
            }
            out[r] = softmax(margin)[positive];
            for (int i = 0; i < width; i++) {
                int id = ids[slots[i]];
                if (id >= 0) {
                    present[id] = false;
                }
            }
        }
        return out;
    }

    /** XGBoost's softmax: in float, the largest margin subtracted, the sum in double. */
    private static float[] softmax(float[] margin) {
        float max = margin[0];
        for (int i = 1; i < margin.length; i++) {
            max = Math.max(margin[i], max);
        }
        double sum = 0;
        for (int i = 0; i < margin.length; i++) {
            margin[i] = (float) Math.exp(margin[i] - max);
            sum += margin[i];
        }
        for (int i = 0; i < margin.length; i++) {
            margin[i] /= (float) sum;
        }
        return margin;
    }
}
