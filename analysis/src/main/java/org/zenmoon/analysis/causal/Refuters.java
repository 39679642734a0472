package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * DoWhy's three refuters, run with the analysis's estimator on the rows the analysis kept (after trimming):
 * <ul>
 *   <li><b>placebo treatment</b>: the treatment randomly permuted (within each cluster, so each child keeps
 *       their share of treated days) cannot have caused anything; its 95% interval (bootstrap, or for
 *       matching Abadie–Imbens) must cover 0, or its estimate be smaller than half the analysis's standard
 *       error. One permutation's interval misses 0 in about 5% of analyses by chance alone, and it can be much
 *       narrower than the analysis's own (a permuted treatment has no effect that varies between children): a
 *       placebo effect too small to move the estimate by half a standard error cannot explain it;</li>
 *   <li><b>random common cause</b>: an extra independent random confounder must move the estimate by less
 *       than half a standard error;</li>
 *   <li><b>data subset</b>: on ten random 80% subsets (of rows or clusters) the mean estimate must stay
 *       within one standard error.</li>
 * </ul>
 * All three draw from one generator seeded by the analysis's seed, so the same seed gives the same checks.
 */
final class Refuters {

    static final int RESAMPLES = 200;
    static final int SUBSETS = 10;
    static final double SUBSET_FRACTION = 0.8;

    private Refuters() {}

    /**
     * The placebo passes when its interval covers 0, or when its estimate is smaller than half the analysis's
     * standard error {@code se} (when that is known).
     */
    static boolean placeboPasses(double estimate, double low, double high, double se) {
        if (low <= 0 && 0 <= high) {
            return true;
        }
        return Double.isFinite(se) && Double.isFinite(estimate) && Math.abs(estimate) < 0.5 * se;
    }

    /** The refutations, and in how many of the refuters' estimations a model left aliased covariates out. */
    record Outcome(List<Refutation> refutations, int singular) {}

    /**
     * @param data the rows the analysis kept
     * @param s    the analysis's settings with trimming off (the rows are already the common support)
     * @param base the estimators on {@code data} with {@code s}
     * @param main the analysis's headline result, whose estimate and standard error the refuters compare with
     */
    static Outcome run(CausalData data, CausalSettings s, Estimators base, EstimatorResult main) {
        List<Refutation> out = new ArrayList<>();
        Method method = s.method();
        Set<Method> only = EnumSet.of(method);
        double se = main.standardError();
        int[][] groups = Bootstrap.groups(data);
        int n = data.size();
        double[] ones = Estimators.ones(n);
        int singular = 0;

        SplittableRandom rng = new SplittableRandom(Bootstrap.mix(s.seed(), -1));
        boolean[] t = data.treated();
        boolean[] placebo = new boolean[n];
        int[][] blocks =
                groups != null ? groups : new int[][] {IntStream.range(0, n).toArray()};
        for (int[] block : blocks) {
            int[] perm = block.clone();
            shuffle(perm, rng);
            for (int k = 0; k < block.length; k++) {
                placebo[block[k]] = t[perm[k]];
            }
        }
        Estimators pe = new Estimators(data.withTreatment(placebo), s);
        Estimators.Estimates placeboFit = pe.estimate(ones, only);
        singular += placeboFit.singular().isEmpty() ? 0 : 1;
        double pEst = placeboFit.value(method);
        Bootstrap.Interval pci;
        if (method == Method.MATCHING) {
            pci = CausalEngine.normalInterval(pe.matching(placeboFit));
        } else {
            int pb = Math.max(100, Math.min(s.bootstrap(), RESAMPLES));
            Bootstrap.Resamples r = Bootstrap.draw(pe, only, pb, Bootstrap.mix(s.seed(), -2), groups);
            singular += r.singular();
            pci = r.interval(method);
        }
        boolean pOk = placeboPasses(pEst, pci.low(), pci.high(), se);
        out.add(new Refutation(
                "placebo_treatment",
                pOk,
                pEst,
                pci.low(),
                pci.high(),
                String.format(
                        Locale.ROOT,
                        "with the treatment randomly permuted the effect is %.4g "
                                + "(95%% CI %.4g to %.4g); it should cover 0, or the effect stay below half a"
                                + " standard error (%.3g)",
                        pEst,
                        pci.low(),
                        pci.high(),
                        0.5 * se)));

        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = gaussian(rng);
        }
        Estimators.Estimates withNoise =
                new Estimators(data.withCovariate("random_common_cause", noise), s).estimate(ones, only);
        singular += withNoise.singular().isEmpty() ? 0 : 1;
        double rEst = withNoise.value(method);
        double tolerance = Double.isFinite(se) ? 0.5 * se : 0.05 * Math.abs(main.estimate());
        boolean rOk = Math.abs(rEst - main.estimate()) <= tolerance;
        out.add(new Refutation(
                "random_common_cause",
                rOk,
                rEst,
                Double.NaN,
                Double.NaN,
                String.format(
                        Locale.ROOT,
                        "with a random extra confounder the effect is %.4g "
                                + "(was %.4g); it should move less than half a standard error (%.3g)",
                        rEst,
                        main.estimate(),
                        tolerance)));

        double sum = 0;
        int ok = 0;
        double[] sub = new double[SUBSETS];
        for (int k = 0; k < SUBSETS; k++) {
            Estimators.Estimates e = base.estimate(subsetWeights(n, groups, rng), only);
            singular += e.singular().isEmpty() ? 0 : 1;
            sub[k] = e.value(method);
            if (Double.isFinite(sub[k])) {
                sum += sub[k];
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
                        Locale.ROOT,
                        "on %d random %.0f%% subsets the mean effect is %.4g (was %.4g); "
                                + "it should stay within one standard error (%.3g); ciLow/ciHigh give the subsets' range",
                        SUBSETS,
                        100 * SUBSET_FRACTION,
                        mean,
                        main.estimate(),
                        sTol)));
        return new Outcome(out, singular);
    }

    private static double[] subsetWeights(int n, int[][] groups, SplittableRandom rng) {
        double[] w = new double[n];
        int g = groups == null ? n : groups.length;
        int[] order = IntStream.range(0, g).toArray();
        shuffle(order, rng);
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

    /** Fisher–Yates, from the last position down (the order the published refuter figures were drawn in). */
    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** A standard normal draw (Box–Muller), from the refuters' own seeded generator. */
    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
