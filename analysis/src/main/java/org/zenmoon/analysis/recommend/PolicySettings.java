package org.zenmoon.analysis.recommend;

/**
 * The exploration of the served policy.
 *
 * @param epsilon the share of choices that explore, 0..1
 * @param topK    how many of the best-ranked interventions exploration picks among (the best included)
 */
public record PolicySettings(double epsilon, int topK) {
    public PolicySettings {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be 0..1: " + epsilon);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1: " + topK);
        }
    }

    /** Every candidate with the same probability: how a model that knows no preference yet explores. */
    public static PolicySettings uniform() {
        return new PolicySettings(1.0, Integer.MAX_VALUE);
    }

    public static PolicySettings defaults() {
        return new PolicySettings(0.1, 3);
    }
}
