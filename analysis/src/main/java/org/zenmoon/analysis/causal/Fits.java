package org.zenmoon.analysis.causal;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * The two models the estimators need, both weighted by frequency weights (1 for the data, the bootstrap
 * counts for a resample): least squares within one arm, and the logistic propensity model by IRLS.
 * Columns marked inactive (constant on every row with weight, so they carry no information there) get the
 * coefficient 0. A column that is aliased by the ones before it (collinear with them, or constant within the
 * arm being fitted) is left out of that fit, as R's {@code lm} does; both fits say which columns they left out.
 */
final class Fits {

    static final int MAX_ITERATIONS = 50;
    /** A linear predictor this large (p within 3e-7 of 0 or 1) in a fit that does not settle: separation. */
    static final double SEPARATION_ETA = 15.0;
    /** A Cholesky pivot below this fraction of its diagonal entry means the matrix is singular. */
    static final double PIVOT_TOLERANCE = 1e-13;

    private Fits() {}

    /** Least-squares coefficients, and the design columns left out because they were aliased (0 = none). */
    record LeastSquares(double[] beta, boolean[] aliased) {}

    /** Weighted least squares of y on the design, using only rows of the given arm. */
    static LeastSquares ols(Design d, boolean[] t, double[] y, double[] w, boolean arm, boolean[] active) {
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
        Solution s = solve(a, b, q, active);
        return new LeastSquares(s.x(), s.aliased());
    }

    /**
     * Result of a logistic fit: coefficients, how the iteration ended, and the columns a Newton step had to
     * leave out because they were aliased.
     */
    record Logistic(double[] beta, boolean converged, int iterations, boolean separation, boolean[] aliased) {}

    /** Weighted logistic regression of t on the design by IRLS with step halving; start may be null. */
    static Logistic logistic(Design d, boolean[] t, double[] w, double[] start, boolean[] active) {
        int q = d.q;
        int n = d.n;
        double[] z = d.z;
        double[] beta = start == null ? new double[q] : start.clone();
        for (int k = 0; k < q; k++) {
            if (!active[k]) {
                beta[k] = 0;
            }
        }
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
        boolean[] aliased = new boolean[q];
        int it = 0;
        double[] a = new double[q * q];
        double[] g = new double[q];
        while (it < MAX_ITERATIONS) {
            it++;
            Arrays.fill(a, 0);
            Arrays.fill(g, 0);
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
            Solution solution = solve(a, g, q, active);
            for (int k = 0; k < q; k++) {
                aliased[k] |= solution.aliased()[k];
            }
            double[] step = solution.x();
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
        double maxEta = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                maxEta = Math.max(maxEta, Math.abs(d.dot(i, beta)));
            }
        }
        // With (quasi-)separation the MLE is infinite: IRLS keeps stepping and some linear predictors run off.
        boolean separation = (!converged && maxEta > SEPARATION_ETA) || dev < 1e-6;
        return new Logistic(beta, converged, it, separation, aliased);
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

    /** The solution of a linear system, and the columns it left out because they were aliased. */
    record Solution(double[] x, boolean[] aliased) {}

    /**
     * Solves A x = b for a symmetric positive semi-definite A given by its lower triangle (row-major q×q),
     * over the active columns (the others get 0), by Commons Math's Cholesky decomposition of A scaled to a
     * unit diagonal. When a pivot falls below {@link #PIVOT_TOLERANCE} of its diagonal, that column is a
     * combination of the columns before it (collinear covariates, or a covariate constant within the arm):
     * it is left out, its coefficient is 0, and the rest is solved again. The design's intercept comes first,
     * so a covariate constant within an arm is the one left out, not the intercept.
     */
    static Solution solve(double[] lower, double[] b, int q, boolean[] active) {
        boolean[] use = active.clone();
        boolean[] aliased = new boolean[q];
        for (int k = 0; k < q * q; k++) {
            if (!Double.isFinite(lower[k]) || (k < q && !Double.isFinite(b[k]))) {
                double[] nan = new double[q];
                Arrays.fill(nan, Double.NaN);
                return new Solution(nan, aliased);
            }
        }
        while (true) {
            int m = 0;
            int[] idx = new int[q];
            for (int k = 0; k < q; k++) {
                if (use[k]) {
                    idx[m++] = k;
                }
            }
            double[] full = new double[q];
            if (m == 0) {
                return new Solution(full, aliased);
            }
            double[][] a = new double[m][m];
            double[] rhs = new double[m];
            for (int r = 0; r < m; r++) {
                rhs[r] = b[idx[r]];
                for (int c = 0; c <= r; c++) {
                    double v = lower[idx[r] * q + idx[c]];
                    a[r][c] = v;
                    a[c][r] = v;
                }
            }
            int bad = -1;
            for (int i = 0; i < m && bad < 0; i++) {
                bad = a[i][i] > 0 ? -1 : i;
            }
            if (bad < 0) {
                double[] scale = new double[m];
                double[][] unit = new double[m][m];
                double[] sb = new double[m];
                for (int i = 0; i < m; i++) {
                    scale[i] = 1 / Math.sqrt(a[i][i]);
                    sb[i] = rhs[i] * scale[i];
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        unit[i][j] = i == j ? 1.0 : a[i][j] * scale[i] * scale[j];
                    }
                }
                try {
                    // Scaled to a unit diagonal, the pivot test is relative to each column's own size.
                    CholeskyDecomposition chol = new CholeskyDecomposition(
                            new Array2DRowRealMatrix(unit, false),
                            CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD,
                            PIVOT_TOLERANCE);
                    double[] u = chol.getSolver()
                            .solve(new ArrayRealVector(sb, false))
                            .toArray();
                    for (int r = 0; r < m; r++) {
                        full[idx[r]] = u[r] * scale[r];
                    }
                    return new Solution(full, aliased);
                } catch (NonPositiveDefiniteMatrixException e) {
                    bad = e.getRow();
                }
            }
            use[idx[bad]] = false;
            aliased[idx[bad]] = true;
        }
    }

    static boolean anyTrue(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }
}
