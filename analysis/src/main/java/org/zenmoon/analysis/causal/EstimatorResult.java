package org.zenmoon.analysis.causal;

/**
 * One estimator's figure with its 95% interval and standard error (NaN where they cannot be computed, for
 * example without bootstrap resamples), and how the interval was made.
 */
public record EstimatorResult(
        Method method,
        double estimate,
        double ciLow,
        double ciHigh,
        double standardError,
        IntervalMethod intervalMethod) {

    /** A figure with a percentile bootstrap interval. */
    public EstimatorResult(Method method, double estimate, double ciLow, double ciHigh, double standardError) {
        this(method, estimate, ciLow, ciHigh, standardError, IntervalMethod.PERCENTILE_BOOTSTRAP);
    }
}
