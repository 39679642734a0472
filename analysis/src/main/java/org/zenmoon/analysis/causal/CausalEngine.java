package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Estimates the effect of a binary treatment on an outcome, adjusted for the given confounders, with a
 * seeded bootstrap interval, diagnostics, DoWhy's three refuters, the E-value and a verdict.
 * Pure: the same data and settings give the same answer (resamples run in parallel but each has its own seed).
 */
public final class CausalEngine {

    static final int REFUTER_RESAMPLES = 200;
    static final int SUBSETS = 10;
    static final double SUBSET_FRACTION = 0.8;

    private CausalEngine() {}

    /** The chosen estimator (plus the difference in means, which costs nothing). */
    public static CausalEstimate estimate(CausalData data, CausalSettings s) {
        return run(data, s, EnumSet.of(s.method(), Method.DIFFERENCE_IN_MEANS));
    }

    /** Every estimator on the same resamples; the headline figures are those of {@code s.method()}. */
    public static CausalEstimate estimateAll(CausalData data, CausalSettings s) {
        return run(data, s, EnumSet.allOf(Method.class));
    }

    /** Point estimates only, no bootstrap and no refuters (for sensitivity tables). */
    public static Map<Method, Double> pointEstimates(CausalData input, CausalSettings s) {
        CausalData data = s.trim() && s.estimand() == Estimand.ATT ? trimmed(input, s) : input;
        Estimators est = new Estimators(data, s);
        double[] v = est.estimate(ones(data.size()), Estimators.all());
        Map<Method, Double> out = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            out.put(m, v[m.ordinal()]);
        }
        return out;
    }

    private static CausalEstimate run(CausalData input, CausalSettings s, Set<Method> methods) {
        if (input.treatedCount() == 0 || input.treatedCount() == input.size()) {
            throw new IllegalArgumentException("both arms need rows (treated: " + input.treatedCount() + ", control: "
                    + (input.size() - input.treatedCount()) + ")");
        }
        CausalData data = s.trim() && s.estimand() == Estimand.ATT ? trimmed(input, s) : input;
        int trimmed = input.size() - data.size();
        int n = data.size();
        int n1 = data.treatedCount();
        int n0 = n - n1;
        if (n1 == 0 || n0 == 0) {
            throw new IllegalArgumentException("both arms need rows (treated: " + n1 + ", control: " + n0 + ")");
        }
        List<String> warnings = new ArrayList<>();
        Estimators est = new Estimators(data, s);
        if (trimmed > 0) {
            warnings.add(trimmed + " controls below the lowest propensity score of a treated unit were left out");
        }
        if (!est.design.dropped.isEmpty()) {
            warnings.add("constant covariates ignored: " + String.join(", ", est.design.dropped));
        }
        Set<Method> fitAll = EnumSet.copyOf(methods);
        fitAll.add(Method.IPW); // the diagnostics need the propensity scores
        Estimators.Fitted[] fitted = new Estimators.Fitted[1];
        double[] point = est.estimate(ones(n), fitAll, fitted);
        Diagnostics diagnostics = diagnostics(est, fitted[0], s, trimmed);
        PropensityFit pf = diagnostics.propensity();
        if (!pf.converged()) {
            warnings.add("propensity model did not converge in " + pf.iterations() + " iterations");
        }
        if (pf.separation()) {
            warnings.add("propensity model shows separation: some units are (almost) certain to be treated or "
                    + "untreated, so weights and matches there cannot be trusted");
        }

        double[][] boot = bootstrap(est, methods, s.bootstrap(), s.seed(), groups(data));
        List<EstimatorResult> results = new ArrayList<>();
        for (Method m : methods) {
            double[] ci = interval(boot, m.ordinal());
            results.add(new EstimatorResult(m, point[m.ordinal()], ci[0], ci[1], ci[2]));
        }
        int failed = (int) Arrays.stream(boot)
                .filter(r -> Double.isNaN(r[s.method().ordinal()]))
                .count();
        if (failed > 0) {
            warnings.add(failed + " of " + boot.length + " resamples could not be estimated (an arm was empty)");
        }
        EstimatorResult main = results.stream()
                .filter(r -> r.method() == s.method())
                .findFirst()
                .orElseThrow();

        List<Refutation> refutations = s.refute() ? refute(data, s, main, est) : List.of();
        double sd = outcomeSd(data);
        boolean enough = n1 >= s.minPerArm() && n0 >= s.minPerArm() && failed <= 0.1 * Math.max(1, boot.length);
        if (s.method().usesPropensity()) {
            enough &= !pf.separation()
                    && diagnostics.overlap().effectiveTreated() >= s.minPerArm()
                    && diagnostics.overlap().effectiveControl() >= s.minPerArm();
        }
        Verdict verdict = VerdictRule.decide(main.ciLow(), main.ciHigh(), s.direction(), refutations, enough);
        return new CausalEstimate(
                s.method(),
                s.estimand(),
                main.estimate(),
                main.ciLow(),
                main.ciHigh(),
                main.standardError(),
                n,
                n1,
                n0,
                boot.length,
                failed,
                diagnostics,
                refutations,
                EValue.of(main.estimate(), sd),
                EValue.ofInterval(main.ciLow(), main.ciHigh(), sd),
                verdict,
                s.direction(),
                results,
                warnings);
    }

    /** Dehejia and Wahba's common support for ATT: controls scoring below every treated unit are dropped. */
    static CausalData trimmed(CausalData data, CausalSettings s) {
        Estimators est = new Estimators(data, s);
        double min = Double.POSITIVE_INFINITY;
        double[] e = new double[data.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = Fits.sigmoid(est.design.dot(i, est.fullBeta));
            if (data.treatedAt(i)) {
                min = Math.min(min, e[i]);
            }
        }
        double lowest = min;
        int[] keep = IntStream.range(0, e.length)
                .filter(i -> data.treatedAt(i) || e[i] >= lowest)
                .toArray();
        return keep.length == e.length ? data : data.rows(keep);
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** Rows grouped by cluster; without clusters every row is its own group (null means exactly that). */
    static int[][] groups(CausalData data) {
        int[] c = data.clustersView();
        if (c == null) {
            return null;
        }
        Map<Integer, List<Integer>> g = new LinkedHashMap<>();
        for (int i = 0; i < c.length; i++) {
            g.computeIfAbsent(c[i], k -> new ArrayList<>()).add(i);
        }
        return g.values().stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** Resample b's frequency weights: groups drawn with replacement, seeded by (seed, b) alone. */
    static double[] resampleWeights(int n, int[][] groups, long seed, int b) {
        SplittableRandom rng = new SplittableRandom(mix(seed, b));
        double[] w = new double[n];
        if (groups == null) {
            for (int k = 0; k < n; k++) {
                w[rng.nextInt(n)] += 1;
            }
        } else {
            for (int k = 0; k < groups.length; k++) {
                for (int i : groups[rng.nextInt(groups.length)]) {
                    w[i] += 1;
                }
            }
        }
        return w;
    }

    static long mix(long seed, long b) {
        long z = seed + 0x9E3779B97F4A7C15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double[][] bootstrap(Estimators est, Set<Method> methods, int resamples, long seed, int[][] groups) {
        double[][] out = new double[resamples][];
        int n = est.t.length;
        IntStream.range(0, resamples)
                .parallel()
                .forEach(b -> out[b] = est.estimate(resampleWeights(n, groups, seed, b), methods));
        return out;
    }

    /** {low, high, se}: the 2.5% and 97.5% percentiles and the SD of the finite resample estimates. */
    static double[] interval(double[][] boot, int column) {
        double[] v = Arrays.stream(boot)
                .mapToDouble(r -> r[column])
                .filter(Double::isFinite)
                .sorted()
                .toArray();
        if (v.length < 2) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new double[] {quantile(v, 0.025), quantile(v, 0.975), Math.sqrt(ss / (v.length - 1))};
    }

    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double outcomeSd(CausalData data) {
        double[] y = data.outcome();
        double m = Arrays.stream(y).average().orElse(0);
        double ss = Arrays.stream(y).map(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(ss / Math.max(1, y.length - 1));
    }

    // ---- diagnostics -----------------------------------------------------------------------------------

    private static Diagnostics diagnostics(Estimators est, Estimators.Fitted f, CausalSettings s, int trimmed) {
        Fits.Logistic lf = f.propensity();
        String msg = lf.separation()
                ? "separation: the fit does not settle and some units are predicted with "
                        + "certainty, so their scores are not estimable"
                : lf.converged() ? "converged" : "did not converge";
        PropensityFit pf = new PropensityFit(lf.beta(), lf.converged(), lf.iterations(), lf.separation(), msg);
        boolean[] t = est.t;
        double[] e = f.e();
        double[] ec = est.clipped(e);
        double t0 = 1;
        double t1 = 0;
        double c0 = 1;
        double c1 = 0;
        int clipped = 0;
        for (int i = 0; i < t.length; i++) {
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
        for (double v : e) {
            outside += v < lo || v > hi ? 1 : 0;
        }
        boolean att = s.estimand() == Estimand.ATT;
        double[] weight = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            weight[i] = t[i] ? (att ? 1 : 1 / ec[i]) : (att ? ec[i] / (1 - ec[i]) : 1 / (1 - ec[i]));
        }
        Overlap overlap =
                new Overlap(t0, t1, c0, c1, outside, clipped, trimmed, ess(weight, t, true), ess(weight, t, false));
        List<CovariateBalance> balance = new ArrayList<>();
        for (int k = 0; k < est.design.kept.size(); k++) {
            balance.add(balance(est.design, k, t, weight, est.design.kept.get(k)));
        }
        return new Diagnostics(pf, overlap, balance);
    }

    private static double ess(double[] w, boolean[] t, boolean arm) {
        double s = 0;
        double ss = 0;
        for (int i = 0; i < w.length; i++) {
            if (t[i] == arm) {
                s += w[i];
                ss += w[i] * w[i];
            }
        }
        return ss > 0 ? s * s / ss : 0;
    }

    private static CovariateBalance balance(Design d, int k, boolean[] t, double[] weight, String name) {
        double[] m = new double[4]; // unweighted mean t, c; weighted mean t, c
        double[] c = new double[4];
        double ss1 = 0;
        double ss0 = 0;
        for (int i = 0; i < t.length; i++) {
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

    // ---- refuters -----------------------------------------------------------------------------------

    private static List<Refutation> refute(CausalData data, CausalSettings s, EstimatorResult main, Estimators base) {
        List<Refutation> out = new ArrayList<>();
        Set<Method> only = EnumSet.of(s.method());
        int mo = s.method().ordinal();
        double se = main.standardError();
        int[][] groups = groups(data);
        int n = data.size();

        // Placebo: a random permutation of the treatment cannot have caused anything. With clusters it permutes
        // within each cluster, so each child keeps their own share of treated days.
        SplittableRandom rng = new SplittableRandom(mix(s.seed(), -1));
        boolean[] t = data.treated();
        boolean[] placebo = new boolean[n];
        int[][] blocks =
                groups != null ? groups : new int[][] {IntStream.range(0, n).toArray()};
        for (int[] block : blocks) {
            int[] perm = block.clone();
            for (int i = perm.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            for (int k = 0; k < block.length; k++) {
                placebo[block[k]] = t[perm[k]];
            }
        }
        Estimators pe = new Estimators(data.withTreatment(placebo), s);
        double pEst = pe.estimate(ones(n), only)[mo];
        int pb = Math.max(100, Math.min(s.bootstrap(), REFUTER_RESAMPLES));
        double[] pci = interval(bootstrap(pe, only, pb, mix(s.seed(), -2), groups), mo);
        boolean pOk = pci[0] <= 0 && 0 <= pci[1];
        out.add(new Refutation(
                "placebo_treatment",
                pOk,
                pEst,
                pci[0],
                pci[1],
                String.format(
                        java.util.Locale.ROOT,
                        "with the treatment randomly permuted the effect is %.4g "
                                + "(95%% CI %.4g to %.4g); it should cover 0",
                        pEst,
                        pci[0],
                        pci[1])));

        // Random common cause: an independent extra confounder should not move the estimate.
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = gaussian(rng);
        }
        double rEst = new Estimators(data.withCovariate("random_common_cause", noise), s).estimate(ones(n), only)[mo];
        double tolerance = Double.isFinite(se) ? 0.5 * se : 0.05 * Math.abs(main.estimate());
        boolean rOk = Math.abs(rEst - main.estimate()) <= tolerance;
        out.add(new Refutation(
                "random_common_cause",
                rOk,
                rEst,
                Double.NaN,
                Double.NaN,
                String.format(
                        java.util.Locale.ROOT,
                        "with a random extra confounder the effect is %.4g "
                                + "(was %.4g); it should move less than half a standard error (%.3g)",
                        rEst,
                        main.estimate(),
                        tolerance)));

        // Data subsets: 80% of the rows (or clusters), ten times; the mean should stay within one SE.
        double sum = 0;
        int ok = 0;
        double[] sub = new double[SUBSETS];
        for (int k = 0; k < SUBSETS; k++) {
            double[] w = subsetWeights(n, groups, rng);
            double v = base.estimate(w, only)[mo];
            sub[k] = v;
            if (Double.isFinite(v)) {
                sum += v;
                ok++;
            }
        }
        double mean = ok > 0 ? sum / ok : Double.NaN;
        double sTol = Double.isFinite(se) ? se : 0.1 * Math.abs(main.estimate());
        boolean sOk = Math.abs(mean - main.estimate()) <= sTol;
        double[] sorted = Arrays.stream(sub).filter(Double::isFinite).sorted().toArray();
        out.add(new Refutation(
                "data_subset",
                sOk,
                mean,
                sorted.length > 0 ? sorted[0] : Double.NaN,
                sorted.length > 0 ? sorted[sorted.length - 1] : Double.NaN,
                String.format(
                        java.util.Locale.ROOT,
                        "on %d random %.0f%% subsets the mean effect is %.4g (was %.4g); "
                                + "it should stay within one standard error (%.3g); ciLow/ciHigh give the subsets' range",
                        SUBSETS,
                        100 * SUBSET_FRACTION,
                        mean,
                        main.estimate(),
                        sTol)));
        return out;
    }

    private static double[] subsetWeights(int n, int[][] groups, SplittableRandom rng) {
        double[] w = new double[n];
        int g = groups == null ? n : groups.length;
        int[] order = IntStream.range(0, g).toArray();
        for (int i = g - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int take = (int) Math.round(SUBSET_FRACTION * g);
        for (int k = 0; k < take; k++) {
            if (groups == null) {
                w[order[k]] = 1;
            } else {
                for (int i : groups[order[k]]) {
                    w[i] = 1;
                }
            }
        }
        return w;
    }

    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
