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
     * Ten children per arm: the cluster-robust variance is estimated from the children themselves, and with few of
     * them it is noisy and biased low. In the A/A simulation of docs/RECOMMENDER.md (children's 👍 rates Beta(0.9,
     * 1.1), 10–40 answers each, one test at a nominal 5%) it finds a false difference in 5.3% of tests with 20 or 40
     * children per arm, 6.1% with 10 and 7.2% with 5 ({@code ClusteredAaSimulation}).
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
