package org.zenmoon.analysis.causal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The estimators on one weighting of the rows (all ones for the data, bootstrap counts for a resample),
 * sharing the fitted propensity and outcome models between them. For the ATT with trimming on, the
 * weighting is first trimmed to the common support by its own propensity fit, so that a resample is
 * analysed exactly as the data are.
 */
final class Estimators {

    final Design design;
    final boolean[] t;
    final double[] y;
    final CausalSettings settings;
    final double[] fullBeta;

    Estimators(CausalData data, CausalSettings settings) {
        this.design = Design.of(data);
        this.t = data.treated();
        this.y = data.outcome();
        this.settings = settings;
        double[] ones = ones(t.length);
        this.fullBeta =
                Fits.logistic(design, t, ones, null, design.active(ones)).beta();
    }

    /** A fitted model; one whose normal equations are singular leaves its aliased covariates out. */
    enum Model {
        PROPENSITY("propensity model"),
        CONTROL_OUTCOME("outcome model of the controls"),
        TREATED_OUTCOME("outcome model of the treated");

        final String label;

        Model(String label) {
            this.label = label;
        }
    }

    /**
     * One weighting's estimates (indexed by {@link Method#ordinal()}, NaN where not requested or not
     * estimable) and the pieces behind them: the weights after trimming, how many rows trimming left out,
     * the propensity scores and their logits (null if no estimator needed them), the outcome predictions,
     * and per singular model the design columns it left out.
     */
    record Estimates(
            double[] values,
            double[] weights,
            int trimmed,
            double[] e,
            double[] logit,
            double[] m0,
            double[] m1,
            Fits.Logistic propensity,
            Map<Model, boolean[]> singular) {
        double value(Method m) {
            return values[m.ordinal()];
        }
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    static Set<Method> all() {
        return EnumSet.allOf(Method.class);
    }

    Estimates estimate(double[] w, Set<Method> methods) {
        double[] out = new double[Method.values().length];
        Arrays.fill(out, Double.NaN);
        Map<Model, boolean[]> singular = new EnumMap<>(Model.class);
        if (!bothArms(w)) {
            return new Estimates(out, w, 0, null, null, null, null, null, singular);
        }
        boolean att = settings.estimand() == Estimand.ATT;
        boolean trim = att && settings.trim();
        double[] use = w;
        boolean[] active = null; // which columns carry information on the rows used: one pass, when needed
        int trimmed = 0;
        Fits.Logistic lf = null;
        double[] logit = null;
        if (trim || methods.stream().anyMatch(Method::usesPropensity)) {
            active = design.active(w);
            lf = Fits.logistic(design, t, w, fullBeta, active);
            logit = predict(lf.beta());
            if (trim) {
                double[] trimmedWeights = commonSupport(w, logit);
                trimmed = (int) IntStream.range(0, w.length)
                        .filter(i -> w[i] > 0 && trimmedWeights[i] == 0)
                        .count();
                if (trimmed > 0) {
                    use = trimmedWeights;
                    note(singular, Model.PROPENSITY, lf.aliased());
                    if (!bothArms(use)) {
                        return new Estimates(out, use, trimmed, null, null, null, null, lf, singular);
                    }
                    active = design.active(use);
                    lf = Fits.logistic(design, t, use, lf.beta(), active);
                    logit = predict(lf.beta());
                }
            }
            note(singular, Model.PROPENSITY, lf.aliased());
        }
        double[] e = null;
        if (logit != null) {
            e = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                e[i] = Fits.sigmoid(logit[i]);
            }
        }
        double[] m0 = null;
        double[] m1 = null;
        if (methods.contains(Method.REGRESSION) || methods.contains(Method.AIPW)) {
            active = active != null ? active : design.active(use);
            Fits.LeastSquares f0 = Fits.ols(design, t, y, use, false, active);
            m0 = predict(f0.beta());
            note(singular, Model.CONTROL_OUTCOME, f0.aliased());
            if (!att) {
                Fits.LeastSquares f1 = Fits.ols(design, t, y, use, true, active);
                m1 = predict(f1.beta());
                note(singular, Model.TREATED_OUTCOME, f1.aliased());
            }
        }
        double[] ec = e == null ? null : clipped(e);
        for (Method m : methods) {
            out[m.ordinal()] = switch (m) {
                case DIFFERENCE_IN_MEANS -> differenceInMeans(use);
                case REGRESSION -> regression(use, m0, m1, att);
                case IPW -> ipw(use, ec, att);
                case AIPW -> aipw(use, ec, m0, m1, att);
                case STRATIFICATION -> stratification(use, e, att);
                case MATCHING ->
                    Matching.match(t, y, use, logit, att, settings.caliper()).estimate();
            };
        }
        return new Estimates(out, use, trimmed, e, logit, m0, m1, lf, singular);
    }

    private static void note(Map<Model, boolean[]> singular, Model m, boolean[] aliased) {
        if (Fits.anyTrue(aliased)) {
            singular.merge(m, aliased.clone(), (a, b) -> {
                for (int k = 0; k < a.length; k++) {
                    a[k] |= b[k];
                }
                return a;
            });
        }
    }

    /** Matching with its Abadie–Imbens variance, on the weights and scores of an estimate. */
    Matching.Result matching(Estimates fitted) {
        return Matching.match(
                t, y, fitted.weights(), fitted.logit(), settings.estimand() == Estimand.ATT, settings.caliper());
    }

    /**
     * Dehejia and Wahba's common support for the ATT: controls whose propensity score lies below that of
     * every treated row (of positive weight) get weight 0; they resemble no treated unit.
     */
    private double[] commonSupport(double[] w, double[] logit) {
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < t.length; i++) {
            if (t[i] && w[i] > 0) {
                lowest = Math.min(lowest, Fits.sigmoid(logit[i]));
            }
        }
        double[] out = w.clone();
        for (int i = 0; i < t.length; i++) {
            if (!t[i] && w[i] > 0 && Fits.sigmoid(logit[i]) < lowest) {
                out[i] = 0;
            }
        }
        return out;
    }

    private boolean bothArms(double[] w) {
        double w1 = 0;
        double w0 = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i]) {
                w1 += w[i];
            } else {
                w0 += w[i];
            }
        }
        return w1 > 0 && w0 > 0;
    }

    private double[] predict(double[] beta) {
        double[] m = new double[t.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = design.dot(i, beta);
        }
        return m;
    }

    double[] clipped(double[] e) {
        double c = settings.clip();
        double[] out = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            out[i] = Math.min(Math.max(e[i], c), 1 - c);
        }
        return out;
    }

    private double differenceInMeans(double[] w) {
        double s1 = 0;
        double n1 = 0;
        double s0 = 0;
        double n0 = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i]) {
                s1 += w[i] * y[i];
                n1 += w[i];
            } else {
                s0 += w[i] * y[i];
                n0 += w[i];
            }
        }
        return s1 / n1 - s0 / n0;
    }

    /** Separate least-squares fits per arm, averaged over everyone (ATE) or over the treated (ATT). */
    private double regression(double[] w, double[] m0, double[] m1, boolean att) {
        double s = 0;
        double n = 0;
        for (int i = 0; i < t.length; i++) {
            if (att) {
                if (t[i]) {
                    s += w[i] * (y[i] - m0[i]);
                    n += w[i];
                }
            } else {
                s += w[i] * (m1[i] - m0[i]);
                n += w[i];
            }
        }
        return s / n;
    }

    /** Normalised (Hájek) inverse-probability weighting. */
    private double ipw(double[] w, double[] e, boolean att) {
        double s1 = 0;
        double n1 = 0;
        double s0 = 0;
        double n0 = 0;
        for (int i = 0; i < t.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            if (t[i]) {
                double a = att ? w[i] : w[i] / e[i];
                s1 += a * y[i];
                n1 += a;
            } else {
                double b = att ? w[i] * e[i] / (1 - e[i]) : w[i] / (1 - e[i]);
                s0 += b * y[i];
                n0 += b;
            }
        }
        return s1 / n1 - s0 / n0;
    }

    /** Augmented IPW with normalised weights on the residuals: consistent if either model is right. */
    private double aipw(double[] w, double[] e, double[] m0, double[] m1, boolean att) {
        double r1 = 0;
        double n1 = 0;
        double r0 = 0;
        double n0 = 0;
        double base = 0;
        double nb = 0;
        for (int i = 0; i < t.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            if (att) {
                if (t[i]) {
                    base += w[i] * (y[i] - m0[i]);
                    nb += w[i];
                } else {
                    double b = w[i] * e[i] / (1 - e[i]);
                    r0 += b * (y[i] - m0[i]);
                    n0 += b;
                }
            } else {
                base += w[i] * (m1[i] - m0[i]);
                nb += w[i];
                if (t[i]) {
                    double a = w[i] / e[i];
                    r1 += a * (y[i] - m1[i]);
                    n1 += a;
                } else {
                    double b = w[i] / (1 - e[i]);
                    r0 += b * (y[i] - m0[i]);
                    n0 += b;
                }
            }
        }
        double est = base / nb - (n0 > 0 ? r0 / n0 : 0);
        if (!att) {
            est += n1 > 0 ? r1 / n1 : 0;
        }
        return est;
    }

    /**
     * Strata at quantiles of the propensity score (of all units for ATE, of the treated for ATT); within each
     * stratum the difference in means, weighted by the stratum's share of the units (ATE) or of the treated
     * (ATT). Strata missing an arm are left out, which changes the population slightly (reported by the engine).
     */
    private double stratification(double[] w, double[] e, boolean att) {
        int k = settings.strata();
        double[] cuts = cutPoints(w, e, att, k);
        double[] s1 = new double[k];
        double[] n1 = new double[k];
        double[] s0 = new double[k];
        double[] n0 = new double[k];
        for (int i = 0; i < t.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            int s = stratum(cuts, e[i]);
            if (t[i]) {
                s1[s] += w[i] * y[i];
                n1[s] += w[i];
            } else {
                s0[s] += w[i] * y[i];
                n0[s] += w[i];
            }
        }
        double est = 0;
        double total = 0;
        for (int s = 0; s < k; s++) {
            if (n1[s] > 0 && n0[s] > 0) {
                double share = att ? n1[s] : n1[s] + n0[s];
                est += share * (s1[s] / n1[s] - s0[s] / n0[s]);
                total += share;
            }
        }
        return total > 0 ? est / total : Double.NaN;
    }

    private double[] cutPoints(double[] w, double[] e, boolean att, int k) {
        int m = 0;
        double[] vals = new double[t.length];
        double[] ws = new double[t.length];
        Integer[] idx = new Integer[t.length];
        for (int i = 0; i < t.length; i++) {
            if (w[i] > 0 && (!att || t[i])) {
                idx[m++] = i;
            }
        }
        Integer[] used = Arrays.copyOf(idx, m);
        Arrays.sort(used, (a, b) -> Double.compare(e[a], e[b]));
        double total = 0;
        for (int r = 0; r < m; r++) {
            vals[r] = e[used[r]];
            ws[r] = w[used[r]];
            total += ws[r];
        }
        double[] cuts = new double[k - 1];
        double cum = 0;
        int r = 0;
        for (int c = 0; c < k - 1; c++) {
            double target = total * (c + 1) / k;
            while (r < m && cum + ws[r] <= target) {
                cum += ws[r];
                r++;
            }
            cuts[c] = r < m ? vals[r] : 1.0;
        }
        return cuts;
    }

    private static int stratum(double[] cuts, double e) {
        int s = 0;
        while (s < cuts.length && e >= cuts[s]) {
            s++;
        }
        return s;
    }
}
