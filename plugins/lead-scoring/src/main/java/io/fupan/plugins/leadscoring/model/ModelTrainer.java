package io.fupan.plugins.leadscoring.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a tenant's conversion model on its closed leads and chooses the algorithm honestly:
 * <ol>
 *   <li>a stratified 20 % of the closed leads is set aside for validation;</li>
 *   <li>each competing algorithm (regularised logistic regression, gradient-boosted trees) is scored by
 *       stratified k-fold cross-validated AUC on the other 80 % (on a stratified sample of at most
 *       {@value #CV_SAMPLE} of them, to bound the time), the feature encoder fitted inside each fold;</li>
 *   <li>the better one is fitted on the 80 % and measured on the validation 20 % (AUC, lift in the top 20 %);</li>
 *   <li>and finally fitted on all closed leads: that is the model that scores.</li>
 * </ol>
 * Class imbalance: positives are weighed {@code negatives/positives} in training (and the model's
 * probabilities corrected back, see {@link TrainedModel}). Training checks the thread's interrupt
 * between fits.
 */
public final class ModelTrainer {

    /** Most rows the cross-validation works on. */
    public static final int CV_SAMPLE = 12_000;
    private static final LabelFactory LABELS = new LabelFactory();

    private final int folds;
    private final int trees;
    private final long seed;
    private final int threads;

    /**
     * @param folds cross-validation folds (2..10)
     * @param trees boosting rounds of the gradient-boosted trees
     * @param seed seed of every split and learner, so a training can be repeated
     */
    public ModelTrainer(int folds, int trees, long seed) {
        this.folds = folds;
        this.trees = trees;
        this.seed = seed;
        // One XGBoost thread by default: training shares the server's cores with requests, and XGBoost's
        // OpenMP threads spin while they wait, so on a busy 2-core machine two threads were 4x slower than
        // one (the churn test: 42 s against 9.7 s under load). -Dfupan.scoring.xgboost-threads=N to change.
        this.threads = Math.max(1, Integer.getInteger("fupan.scoring.xgboost-threads", 1));
    }

    /** Where a training is: share done (0..1) and the step. */
    @FunctionalInterface
    public interface Progress {
        void at(double share, String step);
    }

    /** Cross-validated AUC of one algorithm. */
    public record Candidate(String algorithm, double cvAuc) {}

    /**
     * The outcome of a training.
     *
     * @param model the chosen algorithm fitted on every closed lead
     * @param trainedOn closed leads used
     * @param positives converted leads among them
     * @param validationAuc AUC on the validation split of a model fitted without it
     * @param liftTop20 lift in the top 20 % of the validation split
     * @param candidates every competing algorithm with its cross-validated AUC
     */
    public record Result(TrainedModel model, int trainedOn, int positives, double validationAuc, double liftTop20,
                         List<Candidate> candidates) {}

    /** Trains on {@code samples} with the minimums given; see the class comment. */
    public Result train(List<Sample> samples, int minPositives, int minNegatives, Progress progress)
            throws NotEnoughData, InterruptedException {
        return train(samples, minPositives, minNegatives, List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.XGBOOST), progress);
    }

    /** As {@link #train(List, int, int, Progress)} with the competing algorithms named. */
    public Result train(List<Sample> samples, int minPositives, int minNegatives, List<Algorithm> competing,
                        Progress progress) throws NotEnoughData, InterruptedException {
        int pos = (int) samples.stream().filter(Sample::converted).count();
        int neg = samples.size() - pos;
        if (pos < minPositives || neg < minNegatives) {
            throw new NotEnoughData(pos, neg, minPositives, minNegatives);
        }
        List<List<Sample>> split = stratifiedFolds(samples, 5, seed);
        List<Sample> validation = split.get(0);
        List<Sample> rest = new ArrayList<>();
        for (int i = 1; i < split.size(); i++) {
            rest.addAll(split.get(i));
        }
        List<Sample> cvRows = rest.size() > CV_SAMPLE ? stratifiedSample(rest, CV_SAMPLE, seed) : rest;
        int steps = competing.size() * folds + 2;
        int step = 0;
        List<Candidate> candidates = new ArrayList<>();
        Algorithm best = null;
        double bestAuc = -1;
        for (Algorithm a : competing) {
            List<List<Sample>> fs = stratifiedFolds(cvRows, folds, seed + 1);
            double sum = 0;
            for (int k = 0; k < folds; k++) {
                checkInterrupt();
                progress.at((double) step++ / steps, "cross-validating " + a.id() + " (fold " + (k + 1) + "/" + folds + ")");
                List<Sample> trainPart = new ArrayList<>();
                for (int j = 0; j < folds; j++) {
                    if (j != k) {
                        trainPart.addAll(fs.get(j));
                    }
                }
                sum += aucOf(fit(a, trainPart), fs.get(k));
            }
            double auc = sum / folds;
            candidates.add(new Candidate(a.id(), round(auc)));
            if (auc > bestAuc) {
                bestAuc = auc;
                best = a;
            }
        }
        checkInterrupt();
        progress.at((double) step++ / steps, "validating " + best.id());
        TrainedModel onRest = fit(best, rest);
        double[] scores = onRest.predict(validation.stream().map(Sample::features).toList());
        boolean[] labels = labels(validation);
        double vAuc = Evaluation.auc(scores, labels);
        double lift = Evaluation.liftTop(scores, labels, 0.2);
        checkInterrupt();
        progress.at((double) step / steps, "fitting " + best.id() + " on all closed leads");
        TrainedModel fin = fit(best, samples);
        progress.at(1.0, "done");
        return new Result(fin, samples.size(), pos, round(vAuc), round(lift), candidates);
    }

    /** Mean AUC of {@code algorithm} over stratified folds of {@code rows} (for benchmarks and tests). */
    public double crossValidatedAuc(Algorithm algorithm, List<Sample> rows) {
        List<List<Sample>> fs = stratifiedFolds(rows, folds, seed + 1);
        double sum = 0;
        for (int k = 0; k < folds; k++) {
            List<Sample> trainPart = new ArrayList<>();
            for (int j = 0; j < folds; j++) {
                if (j != k) {
                    trainPart.addAll(fs.get(j));
                }
            }
            sum += aucOf(fit(algorithm, trainPart), fs.get(k));
        }
        return sum / folds;
    }

    /** {@code algorithm} fitted on {@code rows}, encoder included. */
    public TrainedModel fit(Algorithm algorithm, List<Sample> rows) {
        FeatureEncoder encoder = FeatureEncoder.fit(rows.stream().map(Sample::features).toList());
        long pos = rows.stream().filter(Sample::converted).count();
        long neg = rows.size() - pos;
        double w = pos > 0 && neg > pos ? (double) neg / pos : 1.0;
        Label yes = new Label(TrainedModel.POSITIVE);
        Label no = new Label(TrainedModel.NEGATIVE);
        List<org.tribuo.Example<Label>> examples = new ArrayList<>(rows.size());
        boolean weighExamples = algorithm != Algorithm.LOGISTIC_REGRESSION;
        for (Sample s : rows) {
            float weight = s.converted() && weighExamples ? (float) w : 1f;
            examples.add(TrainedModel.example(encoder, s.features(), s.converted() ? yes : no, weight));
        }
        MutableDataset<Label> data = new MutableDataset<>(
                new ListDataSource<>(examples, LABELS, new SimpleDataSourceProvenance("closed leads", LABELS)));
        Trainer<Label> trainer = switch (algorithm) {
            case LOGISTIC_REGRESSION -> {
                LibLinearClassificationTrainer t = new LibLinearClassificationTrainer(
                        new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 1000, 0.01, seed);
                t.setLabelWeights(Map.of(yes, (float) w, no, 1f));
                yield t;
            }
            case XGBOOST -> new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                    XGBoostTrainer.TreeMethod.HIST, trees, 0.1, 0, 4, 1, 0.8, 0.8, 1, 0, threads,
                    XGBoostTrainer.LoggingVerbosity.SILENT, seed);
            case PLAIN_LOGISTIC_REGRESSION -> new LogisticRegressionTrainer();
        };
        Model<Label> model = trainer.train(data);
        return new TrainedModel(algorithm, encoder, model, weighExamples || algorithm == Algorithm.LOGISTIC_REGRESSION ? w : 1.0);
    }

    private static double aucOf(TrainedModel m, List<Sample> rows) {
        return Evaluation.auc(m.predict(rows.stream().map(Sample::features).toList()), labels(rows));
    }

    private static boolean[] labels(List<Sample> rows) {
        boolean[] y = new boolean[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).converted();
        }
        return y;
    }

    /** {@code k} folds with each class spread evenly, in a seeded random order. */
    static List<List<Sample>> stratifiedFolds(List<Sample> rows, int k, long seed) {
        List<Sample> pos = new ArrayList<>();
        List<Sample> neg = new ArrayList<>();
        rows.forEach(s -> (s.converted() ? pos : neg).add(s));
        Random random = new Random(seed);
        Collections.shuffle(pos, random);
        Collections.shuffle(neg, random);
        List<List<Sample>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        for (int i = 0; i < pos.size(); i++) {
            folds.get(i % k).add(pos.get(i));
        }
        for (int i = 0; i < neg.size(); i++) {
            folds.get(i % k).add(neg.get(i));
        }
        return folds;
    }

    static List<Sample> stratifiedSample(List<Sample> rows, int n, long seed) {
        int k = (int) Math.ceil((double) rows.size() / n);
        return stratifiedFolds(rows, k, seed + 7).get(0);
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("training was interrupted");
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
