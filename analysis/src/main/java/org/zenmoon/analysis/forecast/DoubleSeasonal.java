package org.zenmoon.analysis.forecast;

/**
 * Double-seasonal Holt-Winters (Taylor 2003): level, a daily and a weekly seasonal component and an AR(1)
 * adjustment of the one-step error, without trend (over a two-day horizon a trend mostly adds error). On strictly
 * positive series it works on logarithms, which makes both seasonal components multiplicative.
 */
public record DoubleSeasonal(int shortPeriod, int longPeriod) implements PointModel {

    @Override
    public String name() {
        return "dshw" + shortPeriod + "x" + longPeriod;
    }

    @Override
    public int minimumHistory() {
        return 2 * longPeriod;
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        boolean log = strictlyPositive(y);
        double[] x = log ? logOf(y) : y;
        double[] p = NelderMead.minimise(
                q -> run(x, q[0], q[1], q[2], q[3], 0, null),
                new double[] {0.1, 0.05, 0.05, 0.5},
                new double[] {0, 0, 0, 0},
                new double[] {1, 1, 1, 0.99},
                400);
        double[] f = new double[horizon];
        run(x, p[0], p[1], p[2], p[3], horizon, f);
        if (log) {
            for (int k = 0; k < horizon; k++) {
                f[k] = Math.exp(f[k]);
            }
        }
        return f;
    }

    private double run(double[] y, double alpha, double delta, double omega, double phi, int h, double[] f) {
        int m1 = shortPeriod;
        int m2 = longPeriod;
        double level = HoltWinters.mean(y, 0, m2);
        double[] d = new double[m1];
        for (int i = 0; i < m1; i++) {
            double s = 0;
            int c = 0;
            for (int t = i; t < m2; t += m1) {
                s += y[t] - level;
                c++;
            }
            d[i] = s / c;
        }
        double[] w = new double[m2];
        for (int t = 0; t < m2; t++) {
            w[t] = y[t] - level - d[t % m1];
        }
        double sse = 0;
        double r = 0;
        for (int t = m2; t < y.length; t++) {
            double base = level + d[t % m1] + w[t % m2];
            double e = y[t] - (base + phi * r);
            sse += e * e;
            r = y[t] - base;
            level += alpha * e;
            d[t % m1] += delta * e;
            w[t % m2] += omega * e;
        }
        if (f != null) {
            int n = y.length;
            double ar = r;
            for (int k = 0; k < h; k++) {
                ar *= phi;
                f[k] = level + d[(n + k) % m1] + w[(n + k) % m2] + ar;
            }
        }
        return sse;
    }

    static boolean strictlyPositive(double[] y) {
        for (double v : y) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    static double[] logOf(double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = Math.log(y[i]);
        }
        return x;
    }
}
