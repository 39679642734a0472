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
 *
 * <p>With fixed effects ({@link Design#grouped()}) the group intercepts are absorbed: the normal equations of
 * (α, β) have a diagonal group block D (each group's summed weight), so β solves the Schur complement
 * (A − B D⁻¹ Bᵀ) β = g<sub>β</sub> − B D⁻¹ g<sub>α</sub>, accumulated as the weighted within-group demeaned
 * cross-products, and α = D⁻¹ (g<sub>α</sub> − Bᵀ β): least squares per arm, and each Newton step of the
 * logistic model (whose group block is the sum of p(1 − p) per group). A covariate constant within every group
 * is aliased with the group intercepts: it is left out and reported like any aliased column. A group with no
 * weight in a fit (not drawn in a resample, or without rows in the arm being fitted) has no information: it
 * takes the intercept of the reference group (the first one) or, when the reference has no weight either, that
 * of the last group with weight. That is what the equivalent design with an intercept and an indicator per
 * group but the first does: such a group's indicator is aliased (coefficient 0), and without the reference's
 * rows the pivoting leaves out the last indicator instead. A group with weight that has no rows in the arm
 * being fitted is reported as aliased, at index {@code q + group} of the coefficients.
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
        if (d.grouped()) {
            return absorbedOls(d, t, y, w, arm, active);
        }
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
        if (d.grouped()) {
            return absorbedLogistic(d, t, w, start, active);
        }
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
            Damped moved = damped(d, t, w, beta, solution.x(), dev);
            beta = moved.beta();
            dev = moved.deviance();
            if (moved.settled()) {
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

    /**
     * A weighted least-squares problem with the group intercepts absorbed: the coefficients (length
     * {@link Design#width()}) minimising Σ v<sub>i</sub> (y<sub>i</sub> − α<sub>g(i)</sub> − z<sub>i</sub>·β)² where
     * {@code r[i]} = v<sub>i</sub> y<sub>i</sub> (for a Newton step r is the weighted residual and v the IRLS
     * weight, which gives the step). A group without weight gets 0 and is marked aliased when {@code active} has
     * it. Also returns each group's summed weight.
     */
    record Absorbed(double[] coefficients, boolean[] aliased, double[] groupWeight) {}

    static Absorbed absorbed(Design d, double[] v, double[] r, boolean[] active) {
        int q = d.q;
        int groups = d.groups;
        int[] grp = d.group;
        double[] z = d.z;
        double[] weight = new double[groups];
        double[] sum = new double[groups];
        double[] mean = new double[groups * q];
        for (int i = 0; i < d.n; i++) {
            double vi = v[i];
            if (vi == 0) {
                continue;
            }
            int g = grp[i];
            weight[g] += vi;
            sum[g] += r[i];
            int o = i * q;
            int mo = g * q;
            for (int k = 1; k < q; k++) {
                mean[mo + k] += vi * z[o + k];
            }
        }
        for (int g = 0; g < groups; g++) {
            if (weight[g] > 0) {
                for (int k = 1; k < q; k++) {
                    mean[g * q + k] /= weight[g];
                }
            }
        }
        // The Schur complement A − B D⁻¹ Bᵀ as the within-group demeaned cross-products (no cancellation).
        double[] a = new double[q * q];
        double[] b = new double[q];
        double[] raw = new double[q];
        double[] c = new double[q];
        for (int i = 0; i < d.n; i++) {
            double vi = v[i];
            if (vi == 0) {
                continue;
            }
            int o = i * q;
            int mo = grp[i] * q;
            double ri = r[i];
            for (int j = 1; j < q; j++) {
                c[j] = z[o + j] - mean[mo + j];
                raw[j] += vi * z[o + j] * z[o + j];
            }
            for (int j = 1; j < q; j++) {
                double vc = vi * c[j];
                b[j] += ri * c[j];
                int rr = j * q;
                for (int k = 1; k <= j; k++) {
                    a[rr + k] += vc * c[k];
                }
            }
        }
        boolean[] use = new boolean[q];
        boolean[] aliased = new boolean[d.width()];
        for (int j = 1; j < q; j++) {
            use[j] = active[j];
            // Constant within every group: what is left after the groups is rounding, relative to the column's
            // own size the pivot test of the design with indicator columns would see.
            if (use[j] && !(a[j * q + j] > PIVOT_TOLERANCE * raw[j])) {
                use[j] = false;
                aliased[j] = true;
            }
        }
        Solution s = solve(a, b, q, use);
        double[] coef = new double[d.width()];
        for (int k = 0; k < q; k++) {
            coef[k] = s.x()[k];
            aliased[k] |= s.aliased()[k];
        }
        for (int g = 0; g < groups; g++) {
            if (weight[g] > 0) {
                double alpha = sum[g] / weight[g];
                for (int k = 1; k < q; k++) {
                    alpha -= mean[g * q + k] * coef[k];
                }
                coef[q + g] = alpha;
            } else {
                aliased[q + g] = active[q + g];
            }
        }
        return new Absorbed(coef, aliased, weight);
    }

    /**
     * A group without weight in a fit takes the intercept of the reference group (the first), or of the last
     * group with weight when the reference has none (see the class comment).
     */
    private static void fillGroupsWithoutWeight(Design d, double[] coef, double[] groupWeight) {
        int base = -1;
        for (int g = 0; g < d.groups; g++) {
            if (groupWeight[g] > 0) {
                base = g;
                if (g == 0) {
                    break;
                }
            }
        }
        if (base < 0) {
            return;
        }
        for (int g = 0; g < d.groups; g++) {
            if (!(groupWeight[g] > 0)) {
                coef[d.q + g] = coef[d.q + base];
            }
        }
    }

    /** Which covariates and groups carry information on the rows with positive weight (see Design.active). */
    static boolean[] absorbedActive(Design d, double[] w) {
        boolean[] all = new boolean[d.width()];
        Arrays.fill(all, 1, all.length, true);
        Absorbed a = absorbed(d, w, new double[d.n], all);
        boolean[] active = new boolean[d.width()];
        for (int k = 1; k < d.q; k++) {
            active[k] = !a.aliased()[k];
        }
        for (int g = 0; g < d.groups; g++) {
            active[d.q + g] = a.groupWeight()[g] > 0;
        }
        return active;
    }

    private static LeastSquares absorbedOls(
            Design d, boolean[] t, double[] y, double[] w, boolean arm, boolean[] active) {
        double[] v = new double[d.n];
        double[] r = new double[d.n];
        for (int i = 0; i < d.n; i++) {
            if (w[i] != 0 && t[i] == arm) {
                v[i] = w[i];
                r[i] = w[i] * y[i];
            }
        }
        Absorbed a = absorbed(d, v, r, active);
        double[] coef = a.coefficients();
        fillGroupsWithoutWeight(d, coef, a.groupWeight());
        return new LeastSquares(coef, a.aliased());
    }

    /** {@link #logistic} with the group intercepts absorbed in every Newton step. */
    private static Logistic absorbedLogistic(Design d, boolean[] t, double[] w, double[] start, boolean[] active) {
        int q = d.q;
        int n = d.n;
        int width = d.width();
        double[] beta = start == null ? new double[width] : start.clone();
        for (int k = 0; k < q; k++) {
            if (!active[k]) {
                beta[k] = 0;
            }
        }
        double[] groupWeight = new double[d.groups];
        double s1 = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            groupWeight[d.group[i]] += w[i];
            s += w[i];
            s1 += t[i] ? w[i] : 0;
        }
        if (start == null) {
            double p = Math.min(Math.max(s1 / s, 1e-6), 1 - 1e-6);
            Arrays.fill(beta, q, width, Math.log(p / (1 - p)));
        }
        double dev = deviance(d, t, w, beta);
        boolean converged = false;
        boolean[] aliased = new boolean[width];
        int it = 0;
        double[] v = new double[n];
        double[] r = new double[n];
        while (it < MAX_ITERATIONS) {
            it++;
            for (int i = 0; i < n; i++) {
                double wi = w[i];
                if (wi == 0) {
                    v[i] = 0;
                    r[i] = 0;
                    continue;
                }
                double p = sigmoid(d.dot(i, beta));
                v[i] = wi * Math.max(p * (1 - p), 1e-12);
                r[i] = wi * ((t[i] ? 1.0 : 0.0) - p);
            }
            Absorbed solution = absorbed(d, v, r, active);
            for (int k = 0; k < width; k++) {
                aliased[k] |= solution.aliased()[k];
            }
            Damped moved = damped(d, t, w, beta, solution.coefficients(), dev);
            beta = moved.beta();
            dev = moved.deviance();
            if (moved.settled()) {
                converged = true;
                break;
            }
        }
        fillGroupsWithoutWeight(d, beta, groupWeight);
        double maxEta = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                maxEta = Math.max(maxEta, Math.abs(d.dot(i, beta)));
            }
        }
        boolean separation = (!converged && maxEta > SEPARATION_ETA) || dev < 1e-6;
        return new Logistic(beta, converged, it, separation, aliased);
    }

    /** The coefficients after one damped Newton step, their deviance, and whether the iteration has settled. */
    record Damped(double[] beta, double deviance, boolean settled) {}

    /**
     * Moves {@code beta} by {@code step}, halved (at most 30 times) until the deviance does not rise above {@code dev}.
     * Settled when the step vanishes, or when halving no longer changes the deviance; under separation the step never
     * vanishes (the MLE is infinite).
     */
    static Damped damped(Design d, boolean[] t, double[] w, double[] beta, double[] step, double dev) {
        int width = beta.length;
        double[] next = new double[width];
        double nextDev = Double.POSITIVE_INFINITY;
        double scale = 1.0;
        for (int h = 0; h < 30; h++) {
            for (int k = 0; k < width; k++) {
                next[k] = beta[k] + scale * step[k];
            }
            nextDev = deviance(d, t, w, next);
            if (nextDev <= dev + 1e-12 * Math.abs(dev)) {
                break;
            }
            scale /= 2;
        }
        double maxStep = 0;
        for (int k = 0; k < width; k++) {
            maxStep = Math.max(maxStep, Math.abs(next[k] - beta[k]));
        }
        boolean small = maxStep < 1e-7 || (scale < 1e-6 && Math.abs(dev - nextDev) <= 1e-12 * (dev + 1));
        return new Damped(next, nextDev, small);
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
