package org.zenmoon.analysis.causal;

/** Whose effect: everyone's (ATE) or the treated units' (ATT). */
public enum Estimand {
    /** Average treatment effect over all units. */
    ATE,
    /** Average treatment effect on the treated units. */
    ATT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
