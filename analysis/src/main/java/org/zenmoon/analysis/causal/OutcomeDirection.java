package org.zenmoon.analysis.causal;

/** Which way is better for the outcome: stress is better lower, sleep is better higher. */
public enum OutcomeDirection {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    /** +1 when a positive effect is good, -1 when a negative effect is good. */
    int sign() {
        return this == HIGHER_IS_BETTER ? 1 : -1;
    }
}
