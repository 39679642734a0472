package org.zenmoon.analysis.recommend;

/**
 * When an A/B test may decide.
 *
 * @param minPerArm exposures each arm needs before any decision (limits the cost of looking often)
 * @param alpha     the two-sided significance level of the two-proportion test
 * @param maxPerArm exposures after which a candidate not shown better is rolled back, so a test always ends
 */
public record AbSettings(long minPerArm, double alpha, long maxPerArm) {
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
    }

    /** A test without an exposure limit: it runs until the difference is significant. */
    public AbSettings(long minPerArm, double alpha) {
        this(minPerArm, alpha, Long.MAX_VALUE);
    }
}
