package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The covariates as a row-major matrix with an intercept column, each covariate standardised (mean 0, SD 1)
 * so that IRLS and least squares stay well conditioned when earnings (1e4) sit beside indicators (0/1).
 * Constant columns are dropped (they carry no information and would make the matrices singular).
 *
 * <p>With fixed effects ({@link CausalData#fixedEffects()}) every model has one intercept α<sub>g</sub> per group
 * instead of the common one: the coefficient vector is the {@link #q} covariate coefficients (the intercept's,
 * at index 0, always 0) followed by the {@link #groups} group intercepts, and the linear predictor of a row of
 * group g is α<sub>g</sub> + z·β. The groups are never built as indicator columns: {@link Fits} absorbs them
 * (weighted within-group demeaning, the Schur complement of the diagonal group block), which gives the same
 * fitted values as an intercept plus one indicator per group but the reference in O(n·q²) instead of
 * O(n·(q + G)²) per fit. Group ids are numbered in ascending order; the smallest is the reference.
 */
final class Design {
    final int n;
    final int q;
    final double[] z;
    final List<String> kept;
    final List<String> dropped;
    /** Each row's group, 0 to {@link #groups} − 1 in the order of the ids; null without fixed effects. */
    final int[] group;
    /** The number of fixed-effect groups (0 without). */
    final int groups;
    /** The data's id of each group. */
    final int[] groupIds;

    private Design(int n, int q, double[] z, List<String> kept, List<String> dropped, int[] fixedEffects) {
        this.n = n;
        this.q = q;
        this.z = z;
        this.kept = kept;
        this.dropped = dropped;
        if (fixedEffects == null) {
            this.group = null;
            this.groups = 0;
            this.groupIds = new int[0];
        } else {
            this.groupIds = Arrays.stream(fixedEffects).distinct().sorted().toArray();
            this.groups = groupIds.length;
            this.group = new int[n];
            for (int i = 0; i < n; i++) {
                group[i] = Arrays.binarySearch(groupIds, fixedEffects[i]);
            }
        }
    }

    boolean grouped() {
        return group != null;
    }

    /** The length of a coefficient vector: the design's columns, then one intercept per group. */
    int width() {
        return q + groups;
    }

    static Design of(CausalData d) {
        int n = d.size();
        int p = d.covariateNames().size();
        List<Integer> cols = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += d.covariateAt(i, j);
            }
            mean[j] = s / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double e = d.covariateAt(i, j) - mean[j];
                ss += e * e;
            }
            sd[j] = Math.sqrt(ss / Math.max(1, n - 1));
            if (sd[j] > 1e-12 * Math.max(1.0, Math.abs(mean[j]))) {
                cols.add(j);
                kept.add(d.covariateNames().get(j));
            } else {
                dropped.add(d.covariateNames().get(j));
            }
        }
        int q = cols.size() + 1;
        double[] z = new double[n * q];
        for (int i = 0; i < n; i++) {
            z[i * q] = 1.0;
            for (int k = 0; k < cols.size(); k++) {
                int j = cols.get(k);
                z[i * q + k + 1] = (d.covariateAt(i, j) - mean[j]) / sd[j];
            }
        }
        return new Design(n, q, z, kept, dropped, d.fixedEffectsView());
    }

    double dot(int row, double[] beta) {
        if (group != null) {
            double s = beta[q + group[row]];
            int o = row * q;
            for (int k = 1; k < q; k++) {
                s += z[o + k] * beta[k];
            }
            return s;
        }
        double s = 0;
        int o = row * q;
        for (int k = 0; k < q; k++) {
            s += z[o + k] * beta[k];
        }
        return s;
    }

    /**
     * Which columns carry information on the rows with positive weight: the intercept, and every covariate
     * that is not constant there and not a combination of the columns before it. Such a covariate (a child
     * absent from a resample, whose siblings' indicators then add up to the intercept; a value only trimmed
     * rows had) changes no fitted value on those rows, so every model leaves it out, exactly as a covariate
     * constant in the data is left out of the design.
     *
     * <p>With fixed effects the result has {@link #width()} entries: the intercept (absorbed by the groups) is
     * inactive, a covariate is inactive when it is constant within every group or a combination of the
     * covariates before it once the groups are absorbed, and a group is active when it has weight.
     */
    boolean[] active(double[] w) {
        if (group != null) {
            return Fits.absorbedActive(this, w);
        }
        double[] a = new double[q * q];
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            if (wi == 0) {
                continue;
            }
            int o = i * q;
            for (int j = 0; j < q; j++) {
                double wz = wi * z[o + j];
                int r = j * q;
                for (int k = 0; k <= j; k++) {
                    a[r + k] += wz * z[o + k];
                }
            }
        }
        boolean[] all = new boolean[q];
        java.util.Arrays.fill(all, true);
        boolean[] aliased = Fits.solve(a, new double[q], q, all).aliased();
        boolean[] active = new boolean[q];
        for (int k = 0; k < q; k++) {
            active[k] = !aliased[k];
        }
        return active;
    }

    /** The standardised value of kept covariate {@code k} (0-based, excluding the intercept) in a row. */
    double standardised(int row, int k) {
        return z[row * q + k + 1];
    }
}
