package org.zenmoon.analysis.forecast;

/**
 * The standard Theta method (Assimakopoulos and Nikolopoulos 2000, as M4's benchmark {@code Theta.classic}):
 * SES on the seasonally adjusted series plus half the slope of the linear trend.
 */
public record Theta(int period) implements PointModel {

    @Override
    public String name() {
        return period > 1 ? "theta-sa" + period : "theta";
    }

    @Override
    public int minimumHistory() {
        return 4;
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        PointModel core = new PointModel() {
            @Override
            public String name() {
                return "theta-core";
            }

            @Override
            public int minimumHistory() {
                return 4;
            }

            @Override
            public double[] forecast(double[] x, int h) {
                return thetaCore(x, h);
            }
        };
        return period > 1 ? new Deseasonalised(core, period).forecast(y, horizon) : core.forecast(y, horizon);
    }

    static double[] thetaCore(double[] x, int h) {
        int n = x.length;
        double mt = (n - 1) / 2.0;
        double my = 0;
        for (double v : x) {
            my += v;
        }
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < n; t++) {
            sxy += (t - mt) * (x[t] - my);
            sxx += (t - mt) * (t - mt);
        }
        double b = sxx == 0 ? 0 : sxy / sxx;
        double alpha = ExponentialSmoothing.fitAlpha(x);
        double level = ExponentialSmoothing.ses().forecast(x, 1)[0];
        double[] f = new double[h];
        double base = (1 - Math.pow(1 - alpha, n)) / alpha;
        for (int k = 0; k < h; k++) {
            f[k] = level + 0.5 * b * (k + base);
        }
        return f;
    }
}
