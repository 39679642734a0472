package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.List;

/**
 * The covariates as a row-major matrix with an intercept column, each covariate standardised (mean 0, SD 1)
 * so that IRLS and least squares stay well conditioned when earnings (1e4) sit beside indicators (0/1).
 * Constant columns are dropped (they carry no information and would make the matrices singular).
 */
final class Design {
    final int n;
    final int q;
    final double[] z;
    final List<String> kept;
    final List<String> dropped;

    private Design(int n, int q, double[] z, List<String> kept, List<String> dropped) {
        this.n = n;
        this.q = q;
        this.z = z;
        this.kept = kept;
        this.dropped = dropped;
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
        return new Design(n, q, z, kept, dropped);
    }

    double dot(int row, double[] beta) {
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
     */
    boolean[] active(double[] w) {
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
