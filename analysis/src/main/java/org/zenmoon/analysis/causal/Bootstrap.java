package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The seeded nonparametric bootstrap: resample b draws rows (or whole clusters) with replacement as
 * frequency weights, seeded by (seed, b) alone, and runs the whole estimation on them, trimming and both
 * model fits included. Resamples run in parallel; the result does not depend on the number of threads.
 */
final class Bootstrap {

    private Bootstrap() {}

    /** The estimates of every resample, and in how many of them a model had to leave aliased covariates out. */
    record Resamples(double[][] values, int singular) {
        int size() {
            return values.length;
        }

        /** Resamples in which the method could not be estimated (an arm was empty). */
        int failed(Method m) {
            return (int) Arrays.stream(values)
                    .filter(r -> Double.isNaN(r[m.ordinal()]))
                    .count();
        }

        /** The method's 95% percentile interval and bootstrap SE (NaN with fewer than 2 estimable resamples). */
        Interval interval(Method m) {
            return percentile(
                    Arrays.stream(values).mapToDouble(r -> r[m.ordinal()]).toArray());
        }
    }

    /** A 95% interval and the standard error behind it. */
    record Interval(double low, double high, double standardError) {
        static final Interval NONE = new Interval(Double.NaN, Double.NaN, Double.NaN);
    }

    static Resamples draw(Estimators est, Set<Method> methods, int resamples, long seed, int[][] groups) {
        double[][] out = new double[resamples][];
        boolean[] singular = new boolean[resamples];
        int n = est.t.length;
        IntStream.range(0, resamples).parallel().forEach(b -> {
            Estimators.Estimates e = est.estimate(resampleWeights(n, groups, seed, b), methods);
            out[b] = e.values();
            singular[b] = !e.singular().isEmpty();
        });
        int count = 0;
        for (boolean x : singular) {
            count += x ? 1 : 0;
        }
        return new Resamples(out, count);
    }

    /**
     * The 2.5% and 97.5% percentiles (Commons Math, estimation type R-7: linear interpolation between order
     * statistics) and the standard deviation of the finite estimates.
     */
    static Interval percentile(double[] estimates) {
        double[] v = Arrays.stream(estimates).filter(Double::isFinite).toArray();
        if (v.length < 2) {
            return Interval.NONE;
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        return new Interval(p.evaluate(2.5), p.evaluate(97.5), new StandardDeviation().evaluate(v));
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
}
