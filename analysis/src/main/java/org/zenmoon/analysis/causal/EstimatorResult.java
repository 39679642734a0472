package org.zenmoon.analysis.causal;

/** One estimator's figure with its percentile bootstrap interval and standard error (NaN without bootstrap). */
public record EstimatorResult(Method method, double estimate, double ciLow, double ciHigh, double standardError) {}
