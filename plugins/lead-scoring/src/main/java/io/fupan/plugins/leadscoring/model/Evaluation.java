package io.fupan.plugins.leadscoring.model;

import java.util.Arrays;

/** Ranking measures of scores against known outcomes. */
public final class Evaluation {

    private Evaluation() {}

    /**
     * The area under the ROC curve: the chance that a random positive scores above a random negative,
     * ties counting half (the Mann-Whitney statistic with mid-ranks).
     *
     * @throws IllegalArgumentException when either class is absent
     */
    public static double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPos += midRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("AUC needs both classes; had " + pos + " positives and " + neg + " negatives");
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * Lift in the top {@code share} of scores: the positive rate among the highest-scored
     * {@code ceil(share·n)} divided by the overall positive rate (1 is no better than chance).
     */
    public static double liftTop(double[] scores, boolean[] positive, double share) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int top = Math.max(1, (int) Math.ceil(share * n));
        long posTop = 0;
        long posAll = 0;
        for (int i = 0; i < n; i++) {
            if (positive[order[i]]) {
                posAll++;
                if (i < top) {
                    posTop++;
                }
            }
        }
        if (posAll == 0) {
            return 0;
        }
        return ((double) posTop / top) / ((double) posAll / n);
    }
}
