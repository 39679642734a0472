package org.zenmoon.analysis.causal;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * The two models the estimators need, both weighted by frequency weights (1 for the data, the bootstrap
 * counts for a resample): least squares within one arm, and the logistic propensity model by IRLS.
 */
final class Fits {

    static final int MAX_ITERATIONS = 50;
    /** A linear predictor this large (p within 3e-7 of 0 or 1) in a fit that does not settle: separation. */
    static final double SEPARATION_ETA = 15.0;
    /** A Cholesky pivot below this fraction of its diagonal entry means the matrix is singular. */
    static final double PIVOT_TOLERANCE = 1e-13;

    private Fits() {}

    /** Weighted least squares of y on the design, using only rows of the given arm. */
    static double[] ols(Design d, boolean[] t, double[] y, double[] w, boolean arm) {
        int q = d.q;
        double[] a = new double[q * q];
        double[] b = new double[q];
        double[] z = d.z;
        for (int i = 0; i < d.n; i++) {
            double wi = w[i];
            if (wi == 0 || t[i] != arm) {
                continue;
            }
            int o = i * q;
            double wy = wi * y[i];
            for (int j = 0; j < q; j++) {
                double wz = wi * z[o + j];
                b[j] += wy * z[o + j];
                int r = j * q;
                for (int k = 0; k <= j; k++) {
                    a[r + k] += wz * z[o + k];
                }
            }
        }
        return solveSymmetric(a, b, q);
    }

    /** Result of a logistic fit: coefficients and how the iteration ended. */
    record Logistic(double[] beta, boolean converged, int iterations, boolean separation) {}

    /** Weighted logistic regression of t on the design by IRLS with step halving; start may be null. */
    static Logistic logistic(Design d, boolean[] t, double[] w, double[] start) {
        int q = d.q;
        int n = d.n;
        double[] z = d.z;
        double[] beta = start == null ? new double[q] : start.clone();
        if (start == null) {
            double s1 = 0;
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += w[i];
                s1 += t[i] ? w[i] : 0;
            }
            double p = Math.min(Math.max(s1 / s, 1e-6), 1 - 1e-6);
            beta[0] = Math.log(p / (1 - p));
        }
        double dev = deviance(d, t, w, beta);
        boolean converged = false;
        int it = 0;
        double[] a = new double[q * q];
        double[] g = new double[q];
        while (it < MAX_ITERATIONS) {
            it++;
            java.util.Arrays.fill(a, 0);
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                if (wi == 0) {
                    continue;
                }
                int o = i * q;
                double eta = 0;
                for (int k = 0; k < q; k++) {
                    eta += z[o + k] * beta[k];
                }
                double p = sigmoid(eta);
                double v = wi * Math.max(p * (1 - p), 1e-12);
                double r = wi * ((t[i] ? 1.0 : 0.0) - p);
                for (int j = 0; j < q; j++) {
                    double vz = v * z[o + j];
                    g[j] += r * z[o + j];
                    int rr = j * q;
                    for (int k = 0; k <= j; k++) {
                        a[rr + k] += vz * z[o + k];
                    }
                }
            }
            double[] step = solveSymmetric(a, g, q);
            double[] next = new double[q];
            double nextDev = Double.POSITIVE_INFINITY;
            double scale = 1.0;
            for (int h = 0; h < 30; h++) {
                for (int k = 0; k < q; k++) {
                    next[k] = beta[k] + scale * step[k];
                }
                nextDev = deviance(d, t, w, next);
                if (nextDev <= dev + 1e-12 * Math.abs(dev)) {
                    break;
                }
                scale /= 2;
            }
            double maxStep = 0;
            for (int k = 0; k < q; k++) {
                maxStep = Math.max(maxStep, Math.abs(next[k] - beta[k]));
            }
            beta = next.clone();
            // Converged when the Newton step vanishes; under separation it never does (the MLE is infinite).
            boolean small = maxStep < 1e-7 || (scale < 1e-6 && Math.abs(dev - nextDev) <= 1e-12 * (dev + 1));
            dev = nextDev;
            if (small) {
                converged = true;
                break;
            }
        }
        boolean separation;
        double maxEta = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                maxEta = Math.max(maxEta, Math.abs(d.dot(i, beta)));
            }
        }
        // With (quasi-)separation the MLE is infinite: IRLS keeps stepping and some linear predictors run off.
        separation = (!converged && maxEta > SEPARATION_ETA) || dev < 1e-6;
        return new Logistic(beta, converged, it, separation);
    }

    static double deviance(Design d, boolean[] t, double[] w, double[] beta) {
        double s = 0;
        for (int i = 0; i < d.n; i++) {
            if (w[i] == 0) {
                continue;
            }
            double eta = d.dot(i, beta);
            // -log p = log(1 + e^-eta), computed without overflow
            double m = t[i] ? -eta : eta;
            s += w[i] * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
        }
        return 2 * s;
    }

    static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }

    /**
     * Solves A x = b for a symmetric positive semi-definite A given by its lower triangle (row-major q×q),
     * by Commons Math's Cholesky decomposition of A scaled to a unit diagonal (so that the pivot test is
     * relative to each column's size); a singular A (collinear covariates, an arm smaller than the model)
     * gets a small ridge.
     */
    static double[] solveSymmetric(double[] lower, double[] b, int q) {
        double trace = 0;
        for (int j = 0; j < q; j++) {
            trace += lower[j * q + j];
        }
        double ridge = 0;
        for (int attempt = 0; attempt < 12; attempt++) {
            double[] x = choleskySolve(lower, b, q, ridge);
            if (x != null) {
                return x;
            }
            ridge = ridge == 0 ? 1e-10 * Math.max(trace / q, 1e-12) : ridge * 10;
        }
        return new double[q];
    }

    private static double[] choleskySolve(double[] lower, double[] b, int q, double ridge) {
        double[] scale = new double[q];
        for (int i = 0; i < q; i++) {
            double d = lower[i * q + i] + ridge;
            if (!(d > 0) || !Double.isFinite(d)) {
                return null;
            }
            scale[i] = 1 / Math.sqrt(d);
        }
        double[][] unit = new double[q][q];
        double[] sb = new double[q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j <= i; j++) {
                double v = i == j ? 1.0 : lower[i * q + j] * scale[i] * scale[j];
                unit[i][j] = v;
                unit[j][i] = v;
            }
            sb[i] = b[i] * scale[i];
        }
        try {
            CholeskyDecomposition chol = new CholeskyDecomposition(
                    new Array2DRowRealMatrix(unit, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD,
                    PIVOT_TOLERANCE);
            double[] u = chol.getSolver().solve(new ArrayRealVector(sb, false)).toArray();
            double[] x = new double[q];
            for (int i = 0; i < q; i++) {
                x[i] = u[i] * scale[i];
            }
            return x;
        } catch (MathIllegalArgumentException e) {
            // NonPositiveDefiniteMatrixException: singular; NonSymmetricMatrixException: an entry is not a number
            return null;
        }
    }
}
