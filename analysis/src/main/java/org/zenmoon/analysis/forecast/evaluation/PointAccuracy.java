package org.zenmoon.analysis.forecast.evaluation;

/** sMAPE (percent) and MASE of one method, on one series or averaged over series. */
public record PointAccuracy(double smape, double mase) {

    /** M4's OWA: the mean of this sMAPE and MASE relative to Naive2's on the same series. */
    public double owa(PointAccuracy naive2) {
        return 0.5 * (smape / naive2.smape() + mase / naive2.mase());
    }
}
