package org.zenmoon.analysis.recommend;

/**
 * A candidate model against the current one on the same held-out decisions.
 *
 * @param drDifference     candidate DR minus current DR
 * @param differenceLow95  lower end of the 95% normal interval of the paired per-decision differences
 * @param differenceHigh95 upper end
 * @param notWorse         {@code drDifference >= -tolerance}: the candidate may go to the A/B test
 */
public record Comparison(
        PolicyValue candidate,
        PolicyValue current,
        double drDifference,
        double differenceLow95,
        double differenceHigh95,
        boolean notWorse) {}
