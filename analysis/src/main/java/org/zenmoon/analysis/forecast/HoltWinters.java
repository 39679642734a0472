package org.zenmoon.analysis.forecast;

/**
 * Holt-Winters with one seasonal period, additive or multiplicative seasonality and a damped trend, with the
 * parameters fitted by minimising the in-sample one-step squared error. States start from the first two seasons.
 */
public record HoltWinters(int period, boolean multiplicative) implements PointModel {

    @Override
    public String name() {
        return (multiplicative ? "hw-mul" : "hw-add") + period;
    }

    @Override
    public int minimumHistory() {
        return 2 * period + 2;
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        boolean mul = multiplicative && Deseasonalised.nonNegative(y) && mean(y, 0, y.length) > 0;
        double[] best = NelderMead.minimise(
                x -> run(y, x[0], x[1] * x[0], x[2] * (1 - x[0]), x[3], mul, 0, null),
                new double[] {0.3, 0.05, 0.1, 0.95},
                new double[] {1e-4, 0, 0, 0.8},
                new double[] {0.9999, 0.9999, 0.9999, 0.98},
                500);
        double[] f = new double[horizon];
        run(y, best[0], best[1] * best[0], best[2] * (1 - best[0]), best[3], mul, horizon, f);
        return f;
    }

    /** Returns the SSE; when {@code f} is given, fills it with the forecasts from the end of the series. */
    private double run(
            double[] y, double alpha, double beta, double gamma, double phi, boolean mul, int h, double[] f) {
        int m = period;
        double level = mean(y, 0, m);
        double slope = (mean(y, m, 2 * m) - level) / m;
        double[] s = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = mul ? (level == 0 ? 1 : y[i] / level) : y[i] - level;
        }
        level += slope * (m - 1) / 2.0; // the level at the end of the first season
        double sse = 0;
        for (int t = m; t < y.length; t++) {
            double si = s[t % m];
            double base = level + phi * slope;
            double pred = mul ? base * si : base + si;
            double e = y[t] - pred;
            sse += e * e;
            double newLevel = mul
                    ? alpha * (si == 0 ? base : y[t] / si) + (1 - alpha) * base
                    : alpha * (y[t] - si) + (1 - alpha) * base;
            slope = beta * (newLevel - level) + (1 - beta) * phi * slope;
            s[t % m] = mul
                    ? gamma * (newLevel == 0 ? si : y[t] / newLevel) + (1 - gamma) * si
                    : gamma * (y[t] - newLevel) + (1 - gamma) * si;
            level = newLevel;
        }
        if (f != null) {
            double damp = 0;
            for (int k = 0; k < h; k++) {
                damp += Math.pow(phi, k + 1);
                double base = level + damp * slope;
                double si = s[(y.length + k) % m];
                f[k] = mul ? base * si : base + si;
            }
        }
        return sse;
    }

    static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s / (to - from);
    }
}
