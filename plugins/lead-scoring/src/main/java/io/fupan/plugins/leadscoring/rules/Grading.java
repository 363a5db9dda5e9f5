package io.fupan.plugins.leadscoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the parts of a score add up to the total, the tenant's grade thresholds, and its MQL threshold:
 * {@code total = behaviorWeight·behavior + fitWeight·fit + predictedWeight·predicted} (the predicted
 * part only once a model is trained); grade A at or above {@code a}, B at or above {@code b}, C at or
 * above {@code c}, else D.
 *
 * @param behaviorWeight weight of the behaviour score
 * @param fitWeight weight of the fit score
 * @param predictedWeight points for a predicted probability of 1
 * @param a lowest total of grade A
 * @param b lowest total of grade B
 * @param c lowest total of grade C
 * @param mqlThreshold total at or above which an open lead becomes {@code mql}, or null for never
 */
public record Grading(double behaviorWeight, double fitWeight, double predictedWeight, BigDecimal a, BigDecimal b,
                      BigDecimal c, BigDecimal mqlThreshold) {

    public Grading {
        if (!(a.compareTo(b) >= 0 && b.compareTo(c) >= 0)) {
            throw new IllegalArgumentException("grades: thresholds must satisfy A >= B >= C, were " + a + ", " + b + ", " + c);
        }
    }

    /** The total of the parts; {@code predicted} null before a model exists. */
    public BigDecimal total(BigDecimal behavior, BigDecimal fit, Double predicted) {
        double t = behaviorWeight * behavior.doubleValue() + fitWeight * fit.doubleValue()
                + (predicted == null ? 0 : predictedWeight * predicted);
        return BigDecimal.valueOf(t).setScale(2, RoundingMode.HALF_UP);
    }

    /** The grade of {@code total}. */
    public String grade(BigDecimal total) {
        if (total.compareTo(a) >= 0) {
            return "A";
        }
        if (total.compareTo(b) >= 0) {
            return "B";
        }
        return total.compareTo(c) >= 0 ? "C" : "D";
    }

    /**
     * Whether a lead in {@code status} with {@code total} is to move to {@code mql}: only leads not yet
     * qualified ({@code new}, {@code contacted}) move, and only forward; a falling score never demotes.
     */
    public boolean becomesMql(String status, BigDecimal total) {
        return mqlThreshold != null && ("new".equals(status) || "contacted".equals(status))
                && total.compareTo(mqlThreshold) >= 0;
    }
}
