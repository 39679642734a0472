package org.zenmoon.analysis.causal;

/**
 * Overlap of the propensity score between the arms: its range in each arm, how many units fall outside the
 * common support (the range shared by both arms), how many scores were clipped to [clip, 1-clip] before
 * weighting, how many controls were trimmed (see {@link CausalSettings#trim()}), and the effective sample size (Kish) of each arm under the estimand's weights.
 */
public record Overlap(
        double treatedMin,
        double treatedMax,
        double controlMin,
        double controlMax,
        int outsideCommonSupport,
        int clipped,
        int trimmed,
        double effectiveTreated,
        double effectiveControl) {}
