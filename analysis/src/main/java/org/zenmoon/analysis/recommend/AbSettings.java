package org.zenmoon.analysis.recommend;

/**
 * When an A/B test may decide.
 *
 * @param minPerArm         answers each arm needs before any decision (limits the cost of looking often)
 * @param alpha             the two-sided significance level of the test
 * @param maxPerArm         answers after which a candidate not shown better is rolled back, so a test always ends
 * @param minChildrenPerArm answering children each arm needs before the test may promote or roll back on its
 *                          evidence: the variance between children is estimated from the children themselves, which
 *                          needs a few of them ({@link #DEFAULT_MIN_CHILDREN_PER_ARM} by default; at least 2)
 */
public record AbSettings(long minPerArm, double alpha, long maxPerArm, int minChildrenPerArm) {

    /**
     * Ten children per arm: with fewer, the cluster-robust variance rests on too few children to trust (its
     * small-sample bias grows and the t reference's degrees of freedom fall below 18); the A/A simulation in
     * {@code AbStatisticsTest} holds its level from there on.
     */
    public static final int DEFAULT_MIN_CHILDREN_PER_ARM = 10;

    public AbSettings {
        if (minPerArm < 1) {
            throw new IllegalArgumentException("minPerArm must be at least 1: " + minPerArm);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (maxPerArm < minPerArm) {
            throw new IllegalArgumentException("maxPerArm must be at least minPerArm");
        }
        if (minChildrenPerArm < 2) {
            throw new IllegalArgumentException("minChildrenPerArm must be at least 2: " + minChildrenPerArm);
        }
    }

    /** With the default minimum of children per arm. */
    public AbSettings(long minPerArm, double alpha, long maxPerArm) {
        this(minPerArm, alpha, maxPerArm, DEFAULT_MIN_CHILDREN_PER_ARM);
    }

    /** A test without an answer limit: it runs until the difference is significant. */
    public AbSettings(long minPerArm, double alpha) {
        this(minPerArm, alpha, Long.MAX_VALUE);
    }
}
