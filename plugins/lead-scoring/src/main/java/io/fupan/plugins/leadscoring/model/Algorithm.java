package io.fupan.plugins.leadscoring.model;

import java.util.Arrays;

/** The learning algorithms a tenant's model may use; the first two compete by cross-validated AUC. */
public enum Algorithm {
    /** L2-regularised logistic regression (LIBLINEAR, C = 1 on standardised features). */
    LOGISTIC_REGRESSION("logistic-regression"),
    /** Gradient-boosted trees (XGBoost through Tribuo, histogram method, depth 4, learning rate 0.1). */
    XGBOOST("xgboost"),
    /** Plain logistic regression (stochastic gradient, no penalty): the baseline benchmarks compare with. */
    PLAIN_LOGISTIC_REGRESSION("plain-logistic-regression");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    /** The name in API answers and stored model versions. */
    public String id() {
        return id;
    }

    /** The algorithm named {@code id}. */
    public static Algorithm of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm '" + id + "'"));
    }
}
