package org.zenmoon.analysis.causal;

/**
 * Standardised mean difference (treated minus control, over the pooled unweighted SD) of one covariate,
 * before and after propensity weighting for the estimand. |SMD| below 0.1 is the usual "balanced".
 */
public record CovariateBalance(String covariate, double smdBefore, double smdAfter) {}
