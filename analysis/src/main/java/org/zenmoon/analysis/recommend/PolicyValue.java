package org.zenmoon.analysis.recommend;

/**
 * A policy's estimated mean reward (👍 rate) on logged decisions it did not make.
 *
 * @param ips       inverse propensity scoring: unbiased when the logged propensities are right, high variance
 * @param snips     self-normalised IPS: divides by the sum of the weights instead of n; a little biased, steadier
 * @param dr        doubly robust: the reward model's prediction under the policy, corrected on the logged choice
 * @param drStdError the standard error of {@code dr} (per-decision terms, normal approximation)
 * @param n         decisions used
 */
public record PolicyValue(double ips, double snips, double dr, double drStdError, int n) {}
