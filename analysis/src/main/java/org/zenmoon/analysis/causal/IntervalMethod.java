package org.zenmoon.analysis.causal;

/** How an estimator's 95% interval was made. */
public enum IntervalMethod {
    /** The 2.5% and 97.5% percentiles of the bootstrap estimates; the SE is their standard deviation. */
    PERCENTILE_BOOTSTRAP("percentile"),
    /**
     * Estimate ± 1.96 standard errors, with the Abadie–Imbens (2006) standard error: matching's, because a
     * bootstrap is not valid for matching with replacement (Abadie and Imbens 2008).
     */
    ABADIE_IMBENS_NORMAL("abadie_imbens");

    private final String label;

    IntervalMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
