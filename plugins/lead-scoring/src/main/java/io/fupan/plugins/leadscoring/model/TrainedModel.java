package io.fupan.plugins.leadscoring.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;

/**
 * A trained conversion model: the feature encoder fitted on its training rows and the Tribuo model.
 * Probabilities are corrected for the class weights used in training (positives weighed
 * {@code positiveWeight} times), so {@link #predict} is the model's estimate of P(converted).
 * Thread-safe for prediction.
 */
public final class TrainedModel {

    static final String POSITIVE = "converted";
    static final String NEGATIVE = "disqualified";
    private static final int MAGIC = 0x46534d31; // "FSM1"
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 5000;
    private static final String BIAS = "bias";

    private final Algorithm algorithm;
    private final FeatureEncoder encoder;
    private final FeatureEncoder.Compiled compiled;
    private final Model<Label> model;
    private final double positiveWeight;
    private final XGBoostTrees trees;

    TrainedModel(Algorithm algorithm, FeatureEncoder encoder, Model<Label> model, double positiveWeight) {
        this.algorithm = algorithm;
        this.encoder = encoder;
        this.compiled = encoder.compile();
        this.model = model;
        this.positiveWeight = positiveWeight;
        this.trees = XGBoostTrees.of(model, compiled, BIAS);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    /** P(converted) of each row, in order. */
    public double[] predict(List<Map<String, Object>> rows) {
        if (trees == null) {
            return predictThroughTribuo(rows);
        }
        double[] out = new double[rows.size()];
        for (int from = 0; from < rows.size(); from += BATCH) {
            float[] p = trees.positive(rows.subList(from, Math.min(rows.size(), from + BATCH)));
            for (int i = 0; i < p.length; i++) {
                out[from + i] = corrected(p[i]);
            }
        }
        return out;
    }

    /** {@link #predict} through Tribuo's {@link Model#predict}: the path of models other than XGBoost's. */
    double[] predictThroughTribuo(List<Map<String, Object>> rows) {
        double[] out = new double[rows.size()];
        for (int from = 0; from < rows.size(); from += BATCH) {
            int to = Math.min(rows.size(), from + BATCH);
            List<Example<Label>> examples = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                examples.add(example(compiled.encode(rows.get(i)), LabelFactory.UNKNOWN_LABEL, 1f));
            }
            List<Prediction<Label>> ps = model.predict(examples);
            for (int i = 0; i < ps.size(); i++) {
                out[from + i] = probability(ps.get(i));
            }
        }
        return out;
    }

    /** P(converted) of one row. */
    public double predict(Map<String, Object> row) {
        return predict(List.of(row))[0];
    }

    private double probability(Prediction<Label> p) {
        Label pos = p.getOutputScores().get(POSITIVE);
        return corrected(pos == null ? 0 : pos.getScore());
    }

    private double corrected(double score) {
        double raw = Math.max(0, Math.min(1, score));
        // Undo the class weight: the weighted model's odds are the true odds times positiveWeight.
        double corrected = raw / (raw + positiveWeight * (1 - raw));
        return Double.isNaN(corrected) ? 0 : corrected;
    }

    /** A factor of a lead's predicted score: how much its {@code attribute} raises (+) or lowers (−) it. */
    public record Factor(String attribute, Object value, double effect) {}

    /**
     * The factors of {@code row}'s score: for each attribute the row has, the change in probability
     * between the row as it is and the row without that attribute (as if unknown). Model-agnostic,
     * exact for what it states; largest effects first.
     */
    public List<Factor> explain(Map<String, Object> row, int limit) {
        List<String> present = new ArrayList<>();
        for (String col : encoder.columns()) {
            if (row.get(col) != null) {
                present.add(col);
            }
        }
        List<Map<String, Object>> variants = new ArrayList<>(present.size() + 1);
        variants.add(row);
        for (String col : present) {
            Map<String, Object> without = new HashMap<>(row);
            without.remove(col);
            variants.add(without);
        }
        double[] p = predict(variants);
        List<Factor> out = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            double effect = p[0] - p[i + 1];
            if (Math.abs(effect) >= 1e-4) {
                out.add(new Factor(present.get(i), row.get(present.get(i)), Math.round(effect * 10000) / 10000.0));
            }
        }
        out.sort(Comparator.comparingDouble((Factor f) -> -Math.abs(f.effect())));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    static Example<Label> example(FeatureEncoder encoder, Map<String, Object> row, Label label, float weight) {
        return example(encoder.encode(row), label, weight);
    }

    private static Example<Label> example(FeatureEncoder.Encoded e, Label label, float weight) {
        String[] names = new String[e.names().length + 1];
        double[] values = new double[names.length];
        System.arraycopy(e.names(), 0, names, 0, e.names().length);
        System.arraycopy(e.values(), 0, values, 0, e.values().length);
        // Every example has one feature the model knows, so no row is ever "without features".
        names[names.length - 1] = BIAS;
        values[values.length - 1] = 1.0;
        ArrayExample<Label> ex = new ArrayExample<>(label, names, values);
        ex.setWeight(weight);
        return ex;
    }

    /** The model as bytes: the encoder as JSON and the Tribuo model as its protobuf (no Java serialisation). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeUTF(algorithm.id());
            out.writeDouble(positiveWeight);
            byte[] enc = JSON.writeValueAsBytes(encoder);
            out.writeInt(enc.length);
            out.write(enc);
            byte[] proto = model.serialize().toByteArray();
            out.writeInt(proto.length);
            out.write(proto);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the model", e);
        }
    }

    /** The model written by {@link #toBytes}. */
    @SuppressWarnings("unchecked")
    public static TrainedModel fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a lead-scoring model");
            }
            Algorithm algorithm = Algorithm.of(in.readUTF());
            double w = in.readDouble();
            byte[] enc = in.readNBytes(in.readInt());
            FeatureEncoder encoder = JSON.readValue(enc, FeatureEncoder.class);
            byte[] proto = in.readNBytes(in.readInt());
            Model<Label> model = (Model<Label>) Model.deserialize(ModelProto.parseFrom(proto));
            return new TrainedModel(algorithm, encoder, model, w);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the model: " + e.getMessage(), e);
        }
    }
}
