package org.zenmoon.analysis.causal;

import java.util.List;

/**
 * The answer: the chosen estimator's estimate of the chosen estimand with its 95% interval (see
 * {@link #intervalMethod()}), the diagnostics, the refutations, the E-value and the verdict.
 * {@code estimators} holds every estimator that was computed on the same data (all six with
 * {@link CausalEngine#estimateAll}); those with a bootstrap interval share the same resamples.
 *
 * @param eValue   how strongly (risk-ratio scale) an unmeasured confounder would have to be associated with
 *                 both the treatment and the outcome to explain the estimate away
 * @param eValueCi the same for the interval's limit nearest to no effect (1 when the interval covers 0)
 */
public record CausalEstimate(
        Method method,
        Estimand estimand,
        double estimate,
        double ciLow,
        double ciHigh,
        double standardError,
        int n,
        int nTreated,
        int nControl,
        int resamples,
        int failedResamples,
        Diagnostics diagnostics,
        List<Refutation> refutations,
        double eValue,
        double eValueCi,
        Verdict verdict,
        OutcomeDirection direction,
        List<EstimatorResult> estimators,
        List<String> warnings) {
    public CausalEstimate {
        refutations = List.copyOf(refutations);
        estimators = List.copyOf(estimators);
        warnings = List.copyOf(warnings);
    }

    public boolean ciCovers(double value) {
        return ciLow <= value && value <= ciHigh;
    }

    public EstimatorResult estimator(Method m) {
        return estimators.stream().filter(e -> e.method() == m).findFirst().orElseThrow();
    }

    /** How the headline interval was made: a percentile bootstrap, or for matching the Abadie–Imbens SE. */
    public IntervalMethod intervalMethod() {
        return estimator(method).intervalMethod();
    }
}
