package org.zenmoon.analysis.causal;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Not a test: how well matching's Abadie–Imbens interval covers a known effect of 1 in simulated studies of 400
 * units (x1 raises both the chance of treatment and the outcome). Prints, for the ATE and the ATT, the coverage of
 * the 95% interval, the root mean square of the standard errors and the spread (SD) of the estimates. With the true
 * propensity score the two should agree; with the estimated one the ATE's SE is conservative (Abadie and Imbens
 * 2016). MatchingTest asserts the same figures; docs/analyses/causal.md has the command.
 */
public final class MatchingCoverage {

    /** Coverage of the 95% interval, root mean square SE, SD and mean of the estimates over the studies. */
    record Figures(double coverage, double rmsStandardError, double spread, double mean) {}

    private MatchingCoverage() {}

    /** Matching on the true logit, 1:1 with replacement, no caliper: the setting of the variance formula. */
    static Figures trueScore(boolean att, int studies) {
        double[] estimates = new double[studies];
        double[] ses = new double[studies];
        for (int r = 0; r < studies; r++) {
            SplittableRandom rng = new SplittableRandom(5000 + r);
            int n = 400;
            boolean[] t = new boolean[n];
            double[] y = new double[n];
            double[] logit = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                double x1 = Refuters.gaussian(rng);
                double x2 = Refuters.gaussian(rng);
                double x3 = rng.nextDouble() < 0.4 ? 1 : 0;
                logit[i] = 0.8 * x1 - 0.5 * x2 + 0.3 * x3;
                t[i] = rng.nextDouble() < 1 / (1 + Math.exp(-logit[i]));
                y[i] = 2 * x1 + x2 + x3 + (t[i] ? 1 : 0) + Refuters.gaussian(rng);
                w[i] = 1;
            }
            Matching.Result m = Matching.match(t, y, w, logit, att, 1000);
            estimates[r] = m.estimate();
            ses[r] = m.standardError();
        }
        return figures(estimates, ses);
    }

    /** The engine's matching (estimated score, 0.2 pooled-SD caliper) on Synthetic.confounded studies. */
    static Figures estimatedScore(Estimand estimand, int studies) {
        CausalSettings s = CausalSettings.defaults()
                .withMethod(Method.MATCHING)
                .withEstimand(estimand)
                .withTrim(false)
                .withBootstrap(0)
                .withRefute(false);
        double[] estimates = new double[studies];
        double[] ses = new double[studies];
        for (int r = 0; r < studies; r++) {
            CausalEstimate e = CausalEngine.estimate(Synthetic.confounded(400, 1.0, 1000 + r), s);
            estimates[r] = e.estimate();
            ses[r] = e.standardError();
        }
        return figures(estimates, ses);
    }

    private static Figures figures(double[] estimates, double[] ses) {
        int k = estimates.length;
        int covered = 0;
        double sum = 0;
        double sumSq = 0;
        double sumVar = 0;
        for (int r = 0; r < k; r++) {
            covered += Math.abs(estimates[r] - 1) <= CausalEngine.Z_975 * ses[r] ? 1 : 0;
            sum += estimates[r];
            sumSq += estimates[r] * estimates[r];
            sumVar += ses[r] * ses[r];
        }
        double mean = sum / k;
        return new Figures(
                covered / (double) k, Math.sqrt(sumVar / k), Math.sqrt((sumSq - k * mean * mean) / (k - 1)), mean);
    }

    public static void main(String[] args) {
        for (boolean att : new boolean[] {false, true}) {
            print((att ? "ATT" : "ATE") + ", true score, 500 studies", trueScore(att, 500));
        }
        for (Estimand e : Estimand.values()) {
            print(e.label().toUpperCase(Locale.ROOT) + ", estimated score, 200 studies", estimatedScore(e, 200));
        }
    }

    private static void print(String title, Figures f) {
        System.out.printf(
                Locale.ROOT,
                "%-32s coverage %.3f, RMS standard error %.3f, SD of the estimates %.3f, mean %.3f%n",
                title,
                f.coverage(),
                f.rmsStandardError(),
                f.spread(),
                f.mean());
    }
}
