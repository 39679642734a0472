package org.zenmoon.analysis.recommend;

/** What an A/B test says about the candidate model. */
public enum AbDecision {
    /** Significantly better: it replaces the current model. */
    PROMOTE,
    /** Significantly worse, or not shown better within the test's limit: the current model stays. */
    ROLLBACK,
    /** Too few exposures yet, or no significant difference yet. */
    CONTINUE
}
