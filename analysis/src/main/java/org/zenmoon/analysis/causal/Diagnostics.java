package org.zenmoon.analysis.causal;

import java.util.List;

/** Propensity fit, overlap and covariate balance of one analysis. */
public record Diagnostics(PropensityFit propensity, Overlap overlap, List<CovariateBalance> balance) {
    public Diagnostics {
        balance = List.copyOf(balance);
    }

    /** The largest |SMD| after adjustment (NaN with no covariates). */
    public double maxAbsSmdAfter() {
        return balance.stream().mapToDouble(b -> Math.abs(b.smdAfter())).max().orElse(Double.NaN);
    }

    public double maxAbsSmdBefore() {
        return balance.stream().mapToDouble(b -> Math.abs(b.smdBefore())).max().orElse(Double.NaN);
    }
}
