package org.zenmoon.analysis.forecast;

/**
 * M4's treatment of the non-seasonal benchmarks: when the 90% seasonality test passes, divide by the classical
 * multiplicative indices, forecast with the inner model and multiply the indices back in.
 */
public record Deseasonalised(PointModel inner, int period) implements PointModel {

    @Override
    public String name() {
        return inner.name() + "-sa" + period;
    }

    @Override
    public int minimumHistory() {
        return inner.minimumHistory();
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        int n = y.length;
        if (!nonNegative(y) || !Seasonality.isSeasonal(y, period)) {
            return inner.forecast(y, horizon);
        }
        double[] idx = Seasonality.multiplicativeIndices(y, period);
        for (double v : idx) {
            if (!(v > 0)) {
                return inner.forecast(y, horizon);
            }
        }
        double[] adj = new double[n];
        for (int t = 0; t < n; t++) {
            adj[t] = y[t] / idx[t % period];
        }
        double[] f = inner.forecast(adj, horizon);
        for (int k = 0; k < horizon; k++) {
            f[k] *= idx[(n + k) % period];
        }
        return f;
    }

    static boolean nonNegative(double[] y) {
        for (double v : y) {
            if (!(v >= 0)) {
                return false;
            }
        }
        return true;
    }
}
