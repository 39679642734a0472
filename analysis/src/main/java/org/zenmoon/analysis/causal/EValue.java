package org.zenmoon.analysis.causal;

/**
 * The E-value (VanderWeele and Ding 2017) for a difference in a continuous outcome: the estimate is turned
 * into a standardised difference d = effect / SD(outcome), then into an approximate risk ratio
 * RR = exp(0.91 d), and E = RR + sqrt(RR (RR - 1)) (with RR inverted below 1).
 */
public final class EValue {

    private EValue() {}

    public static double of(double effect, double outcomeSd) {
        if (!Double.isFinite(effect) || !(outcomeSd > 0)) {
            return Double.NaN;
        }
        double rr = Math.exp(0.91 * Math.abs(effect) / outcomeSd);
        return rr + Math.sqrt(rr * (rr - 1));
    }

    /** For an interval: the E-value of the limit nearest to no effect, 1 when the interval covers 0. */
    public static double ofInterval(double low, double high, double outcomeSd) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return Double.NaN;
        }
        if (low <= 0 && high >= 0) {
            return 1.0;
        }
        return of(low > 0 ? low : high, outcomeSd);
    }
}
