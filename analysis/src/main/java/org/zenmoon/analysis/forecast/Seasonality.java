package org.zenmoon.analysis.forecast;

/**
 * The seasonality test and classical multiplicative decomposition of M4's R benchmarks ({@code SeasonalityTest}
 * and {@code decompose(type = "multiplicative")}), so that Naive2 and the seasonally adjusted benchmarks match
 * the competition's figures.
 */
public final class Seasonality {

    private static final double T_CRIT = 1.645;

    private Seasonality() {}

    /** M4's 90% test: |acf(m)| above 1.645/√n·√(1 + 2·Σ_{k<m} acf(k)²), and at least three full seasons. */
    public static boolean isSeasonal(double[] y, int m) {
        int n = y.length;
        if (m <= 1 || n < 3 * m) {
            return false;
        }
        double[] acf = acf(y, m);
        double sumSq = 0;
        for (int k = 1; k < m; k++) {
            sumSq += acf[k] * acf[k];
        }
        double limit = T_CRIT / Math.sqrt(n) * Math.sqrt(1 + 2 * sumSq);
        return Math.abs(acf[m]) > limit;
    }

    /** Sample autocorrelations at lags 0..maxLag, as R's {@code acf}. */
    static double[] acf(double[] y, int maxLag) {
        int n = y.length;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double denom = 0;
        for (double v : y) {
            denom += (v - mean) * (v - mean);
        }
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double s = 0;
            for (int t = 0; t + k < n; t++) {
                s += (y[t] - mean) * (y[t + k] - mean);
            }
            r[k] = denom == 0 ? 0 : s / denom;
        }
        return r;
    }

    /**
     * Multiplicative seasonal indices by position t mod m (t counted from the first value), normalised to mean 1,
     * from the centred moving average as R's {@code decompose}.
     */
    public static double[] multiplicativeIndices(double[] y, int m) {
        int n = y.length;
        double[] sum = new double[m];
        int[] count = new int[m];
        int half = m / 2;
        boolean even = m % 2 == 0;
        for (int t = half; t < n - half; t++) {
            double trend;
            if (even) {
                double s = 0.5 * (y[t - half] + y[t + half]);
                for (int j = t - half + 1; j < t + half; j++) {
                    s += y[j];
                }
                trend = s / m;
            } else {
                double s = 0;
                for (int j = t - half; j <= t + half; j++) {
                    s += y[j];
                }
                trend = s / m;
            }
            double ratio = y[t] / trend;
            if (Double.isFinite(ratio)) {
                sum[t % m] += ratio;
                count[t % m]++;
            }
        }
        double[] fig = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            fig[i] = count[i] == 0 ? 1 : sum[i] / count[i];
            mean += fig[i];
        }
        mean /= m;
        for (int i = 0; i < m; i++) {
            fig[i] = mean == 0 || !Double.isFinite(mean) ? 1 : fig[i] / mean;
        }
        return fig;
    }
}
