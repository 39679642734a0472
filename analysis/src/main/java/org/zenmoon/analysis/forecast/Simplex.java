package org.zenmoon.analysis.forecast;

import java.util.function.ToDoubleFunction;

/**
 * A small deterministic Nelder-Mead minimiser over a box (points are clamped into the bounds), enough for the
 * two to four smoothing parameters of the exponential smoothing models.
 */
final class Simplex {

    private Simplex() {}

    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double[] lo, double[] hi, int maxEval) {
        int d = start.length;
        double[][] p = new double[d + 1][];
        double[] v = new double[d + 1];
        p[0] = clamp(start.clone(), lo, hi);
        for (int i = 0; i < d; i++) {
            double[] x = p[0].clone();
            double step = 0.25 * (hi[i] - lo[i]);
            x[i] = x[i] + step <= hi[i] ? x[i] + step : x[i] - step;
            p[i + 1] = clamp(x, lo, hi);
        }
        int evals = 0;
        for (int i = 0; i <= d; i++) {
            v[i] = safe(f.applyAsDouble(p[i]));
            evals++;
        }
        while (evals < maxEval) {
            // order
            for (int i = 1; i <= d; i++) {
                for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
                    double tv = v[j];
                    v[j] = v[j - 1];
                    v[j - 1] = tv;
                    double[] tp = p[j];
                    p[j] = p[j - 1];
                    p[j - 1] = tp;
                }
            }
            if (Math.abs(v[d] - v[0]) <= 1e-10 * (Math.abs(v[0]) + 1e-12)) {
                break;
            }
            double[] c = new double[d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    c[k] += p[i][k] / d;
                }
            }
            double[] r = clamp(move(c, p[d], -1), lo, hi);
            double vr = safe(f.applyAsDouble(r));
            evals++;
            if (vr < v[0]) {
                double[] e = clamp(move(c, p[d], -2), lo, hi);
                double ve = safe(f.applyAsDouble(e));
                evals++;
                if (ve < vr) {
                    p[d] = e;
                    v[d] = ve;
                } else {
                    p[d] = r;
                    v[d] = vr;
                }
            } else if (vr < v[d - 1]) {
                p[d] = r;
                v[d] = vr;
            } else {
                double[] k = clamp(move(c, p[d], 0.5), lo, hi);
                double vk = safe(f.applyAsDouble(k));
                evals++;
                if (vk < v[d]) {
                    p[d] = k;
                    v[d] = vk;
                } else {
                    for (int i = 1; i <= d; i++) {
                        p[i] = clamp(move(p[0], p[i], 0.5), lo, hi);
                        v[i] = safe(f.applyAsDouble(p[i]));
                        evals++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= d; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return p[best];
    }

    /** c + t·(x − c). */
    private static double[] move(double[] c, double[] x, double t) {
        double[] r = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = c[i] + t * (x[i] - c[i]);
        }
        return r;
    }

    private static double[] clamp(double[] x, double[] lo, double[] hi) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(lo[i], Math.min(hi[i], x[i]));
        }
        return x;
    }

    private static double safe(double v) {
        return Double.isFinite(v) ? v : Double.MAX_VALUE;
    }
}
