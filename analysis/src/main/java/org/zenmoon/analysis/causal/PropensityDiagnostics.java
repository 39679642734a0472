package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.List;

/**
 * The diagnostics of one analysis, on the rows it kept: how the propensity fit ended, the overlap of the
 * scores between the arms, the effective sample sizes under the estimand's weights, and the covariate balance
 * before and after weighting.
 */
final class PropensityDiagnostics {

    private PropensityDiagnostics() {}

    static Diagnostics of(Estimators est, Estimators.Estimates fitted, CausalSettings s) {
        Fits.Logistic lf = fitted.propensity();
        String msg = lf.separation()
                ? "separation: the fit does not settle and some units are predicted with "
                        + "certainty, so their scores are not estimable"
                : lf.converged() ? "converged" : "did not converge";
        PropensityFit pf = new PropensityFit(lf.beta(), lf.converged(), lf.iterations(), lf.separation(), msg);
        boolean[] t = est.t;
        double[] kept = fitted.weights();
        double[] e = fitted.e();
        double[] ec = est.clipped(e);
        double t0 = 1;
        double t1 = 0;
        double c0 = 1;
        double c1 = 0;
        int clipped = 0;
        for (int i = 0; i < t.length; i++) {
            if (kept[i] == 0) {
                continue;
            }
            if (t[i]) {
                t0 = Math.min(t0, e[i]);
                t1 = Math.max(t1, e[i]);
            } else {
                c0 = Math.min(c0, e[i]);
                c1 = Math.max(c1, e[i]);
            }
            clipped += ec[i] != e[i] ? 1 : 0;
        }
        double lo = Math.max(t0, c0);
        double hi = Math.min(t1, c1);
        int outside = 0;
        for (int i = 0; i < t.length; i++) {
            outside += kept[i] > 0 && (e[i] < lo || e[i] > hi) ? 1 : 0;
        }
        boolean att = s.estimand() == Estimand.ATT;
        double[] weight = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double w = t[i] ? (att ? 1 : 1 / ec[i]) : (att ? ec[i] / (1 - ec[i]) : 1 / (1 - ec[i]));
            weight[i] = kept[i] * w;
        }
        Overlap overlap = new Overlap(
                t0,
                t1,
                c0,
                c1,
                outside,
                clipped,
                fitted.trimmed(),
                effectiveSize(weight, kept, t, true),
                effectiveSize(weight, kept, t, false));
        List<CovariateBalance> balance = new ArrayList<>();
        for (int k = 0; k < est.design.kept.size(); k++) {
            balance.add(balance(est.design, k, t, kept, weight, est.design.kept.get(k)));
        }
        return new Diagnostics(pf, overlap, balance);
    }

    /** Kish's effective sample size of one arm: (Σw)² / Σw². */
    private static double effectiveSize(double[] w, double[] kept, boolean[] t, boolean arm) {
        double s = 0;
        double ss = 0;
        for (int i = 0; i < w.length; i++) {
            if (t[i] == arm && kept[i] > 0) {
                s += w[i];
                ss += w[i] * w[i];
            }
        }
        return ss > 0 ? s * s / ss : 0;
    }

    private static CovariateBalance balance(Design d, int k, boolean[] t, double[] kept, double[] weight, String name) {
        double[] m = new double[4]; // unweighted mean t, c; weighted mean t, c
        double[] c = new double[4];
        double ss1 = 0;
        double ss0 = 0;
        for (int i = 0; i < t.length; i++) {
            if (kept[i] == 0) {
                continue;
            }
            double x = d.standardised(i, k);
            int a = t[i] ? 0 : 1;
            m[a] += x;
            c[a] += 1;
            m[a + 2] += weight[i] * x;
            c[a + 2] += weight[i];
        }
        for (int j = 0; j < 4; j++) {
            m[j] /= c[j];
        }
        for (int i = 0; i < t.length; i++) {
            if (kept[i] == 0) {
                continue;
            }
            double x = d.standardised(i, k);
            if (t[i]) {
                ss1 += (x - m[0]) * (x - m[0]);
            } else {
                ss0 += (x - m[1]) * (x - m[1]);
            }
        }
        double pooled = Math.sqrt((ss1 / Math.max(1, c[0] - 1) + ss0 / Math.max(1, c[1] - 1)) / 2);
        if (pooled == 0) {
            return new CovariateBalance(name, 0, 0);
        }
        return new CovariateBalance(name, (m[0] - m[1]) / pooled, (m[2] - m[3]) / pooled);
    }
}
