package org.zenmoon.analysis.forecast;

/** The M4 competition's accuracy measures, computed per series exactly as its R evaluation code does. */
public final class Metrics {

    private Metrics() {}

    /** sMAPE in percent: mean of 200·|y−ŷ|/(|y|+|ŷ|); a point where both are zero counts as no error. */
    public static double smape(double[] actual, double[] forecast) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i]) + Math.abs(forecast[i]);
            sum += d == 0 ? 0 : 200 * Math.abs(actual[i] - forecast[i]) / d;
        }
        return sum / actual.length;
    }

    /** The in-sample mean absolute error of the seasonal naive forecast with period m (MASE's denominator). */
    public static double seasonalNaiveScale(double[] insample, int m) {
        double sum = 0;
        int n = 0;
        for (int t = m; t < insample.length; t++) {
            if (Double.isFinite(insample[t]) && Double.isFinite(insample[t - m])) {
                sum += Math.abs(insample[t] - insample[t - m]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** MASE scaled by the in-sample seasonal naive error with period m. */
    public static double mase(double[] insample, double[] actual, double[] forecast, int m) {
        double scale = seasonalNaiveScale(insample, m);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - forecast[i]);
        }
        return sum / actual.length / scale;
    }

    /** M4's mean scaled interval score for a (1−alpha) interval. */
    public static double msis(double[] insample, double[] actual, double[] lo, double[] hi, double alpha, int m) {
        double scale = seasonalNaiveScale(insample, m);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += hi[i] - lo[i];
            if (actual[i] < lo[i]) {
                sum += 2 / alpha * (lo[i] - actual[i]);
            }
            if (actual[i] > hi[i]) {
                sum += 2 / alpha * (actual[i] - hi[i]);
            }
        }
        return sum / actual.length / scale;
    }

    /** Number of actual values inside [lo, hi]. */
    public static int covered(double[] actual, double[] lo, double[] hi) {
        int c = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] >= lo[i] && actual[i] <= hi[i]) {
                c++;
            }
        }
        return c;
    }

    /** Overall weighted average relative to Naive2, from the aggregate sMAPE and MASE of both methods. */
    public static double owa(double smape, double mase, double smapeNaive2, double maseNaive2) {
        return 0.5 * (smape / smapeNaive2 + mase / maseNaive2);
    }
}
