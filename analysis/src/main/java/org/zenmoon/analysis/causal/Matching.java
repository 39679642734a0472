package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One-to-one nearest-neighbour matching on the logit of the propensity score, with replacement, and its
 * Abadie–Imbens (2006) variance.
 *
 * <p>Each unit to be matched (the treated for ATT; every unit for ATE) takes the unit of the other arm whose
 * logit is nearest; units at the same distance (ties, within {@link #TIE_TOLERANCE}) share the match equally,
 * as in Abadie and Imbens. A match farther away than the caliper is refused and the unit is left out. The
 * caliper is {@code caliper} times the pooled standard deviation of the logit,
 * sqrt((s²<sub>treated</sub> + s²<sub>control</sub>) / 2) (Rosenbaum and Rubin 1985; Austin 2011 recommends 0.2);
 * a pooled SD, unlike the SD of all units together, does not widen when the arms lie far apart.
 *
 * <p>Variance (Abadie and Imbens 2006, Econometrica 74(1), Theorem 7, with M = 1 and tied matches weighted
 * 1/#ties): with K(j) the number of times unit j is used as a match and K'(j) the sum of its squared match
 * weights, and σ̂²(j) = J/(J+1)·(Y<sub>j</sub> − mean of its J nearest units of the same arm)² (J = 2),
 * <ul>
 *   <li>ATE: V = (1/N²) Σ<sub>i</sub> [(Ŷ<sub>i</sub>(1) − Ŷ<sub>i</sub>(0) − τ̂)²
 *       + (K(i)² + 2K(i) − K'(i)) σ̂²(i)]; without ties K' = K and the weight is K² + K, the paper's
 *       (K/M)² + ((2M−1)/M)(K/M) at M = 1;</li>
 *   <li>ATT: V = (1/N<sub>1</sub>²) [Σ<sub>treated</sub> (Y<sub>i</sub> − Ŷ<sub>i</sub>(0) − τ̂)²
 *       + Σ<sub>controls</sub> (K(j)² − K'(j)) σ̂²(j)]; without ties K(K − 1).</li>
 * </ul>
 * The propensity score is treated as known: for the ATE this makes the variance conservative when the
 * score is estimated (Abadie and Imbens 2016); for the ATT the error can go either way. A bootstrap is
 * not valid for matching with replacement (Abadie and Imbens 2008), so the interval comes from this variance.
 */
final class Matching {

    /** Within-arm neighbours for the conditional variance (Stata's teffects default). */
    static final int VARIANCE_NEIGHBOURS = 2;
    /** Distances on the logit scale closer than this count as ties. */
    static final double TIE_TOLERANCE = 1e-9;

    private Matching() {}

    /**
     * The estimate and its variance (NaN when the weights are not all 0 or 1, or when an arm used as a
     * match has no neighbour of its own), how many units of each arm were matched or left out (controls are
     * matched to treated units for the ATE only; for the ATT both control counts are 0), and the caliper's
     * width on the logit scale.
     */
    record Result(
            double estimate,
            double variance,
            int matchedTreated,
            int unmatchedTreated,
            int matchedControls,
            int unmatchedControls,
            double caliperWidth) {
        double standardError() {
            return Math.sqrt(variance);
        }
    }

    /**
     * Matches the rows with positive weight (frequency weights: a row of weight 2 counts twice in the
     * estimate) on {@code logit}, for the ATT or the ATE, within {@code caliper} pooled SDs.
     */
    static Result match(boolean[] t, double[] y, double[] w, double[] logit, boolean att, double caliper) {
        int[] treated = sortedArm(t, w, logit, true);
        int[] controls = sortedArm(t, w, logit, false);
        double width = caliper * pooledSd(w, logit, treated, controls);
        int n = t.length;
        double[] k = new double[n]; // K(j): how often j is used, each use weighted 1/#ties
        double[] k2 = new double[n]; // K'(j): the sum of squared match weights
        double sum = 0;
        double units = 0;
        List<double[]> differences = new ArrayList<>(); // {weight, Ŷ(1) − Ŷ(0)} per matched unit
        int[] matched = new int[2];
        int[] unmatched = new int[2];
        double[] tl = values(treated, logit);
        double[] cl = values(controls, logit);
        for (int pass = 0; pass < (att ? 1 : 2); pass++) {
            boolean fromTreated = pass == 0;
            int[] from = fromTreated ? treated : controls;
            int[] to = fromTreated ? controls : treated;
            double[] toLogit = fromTreated ? cl : tl;
            for (int i : from) {
                int[] js = nearest(toLogit, to, logit[i], width);
                if (js.length == 0) {
                    unmatched[fromTreated ? 0 : 1]++;
                    continue;
                }
                matched[fromTreated ? 0 : 1]++;
                double other = 0;
                for (int j : js) {
                    other += y[j];
                    k[j] += w[i] / js.length;
                    k2[j] += w[i] / ((double) js.length * js.length);
                }
                other /= js.length;
                double d = fromTreated ? y[i] - other : other - y[i];
                sum += w[i] * d;
                units += w[i];
                differences.add(new double[] {w[i], d});
            }
        }
        double estimate = units > 0 ? sum / units : Double.NaN;
        double variance = units > 0 && binary(w)
                ? variance(t, y, w, logit, att, estimate, units, differences, k, k2)
                : Double.NaN;
        return new Result(estimate, variance, matched[0], unmatched[0], matched[1], unmatched[1], width);
    }

    private static double variance(
            boolean[] t,
            double[] y,
            double[] w,
            double[] logit,
            boolean att,
            double estimate,
            double units,
            List<double[]> differences,
            double[] k,
            double[] k2) {
        double s = 0;
        for (double[] d : differences) {
            s += d[0] * (d[1] - estimate) * (d[1] - estimate);
        }
        int[] treated = sortedArm(t, w, logit, true);
        int[] controls = sortedArm(t, w, logit, false);
        for (int[] arm : new int[][] {treated, controls}) {
            double[] armLogit = values(arm, logit);
            for (int pos = 0; pos < arm.length; pos++) {
                int j = arm[pos];
                if (k[j] == 0) {
                    continue;
                }
                double weight = att ? k[j] * k[j] - k2[j] : k[j] * k[j] + 2 * k[j] - k2[j];
                if (weight != 0) {
                    s += weight * conditionalVariance(arm, armLogit, pos, y);
                }
            }
        }
        return s / (units * units);
    }

    /** σ̂²(j) from the J nearest units of j's own arm (ties at the J-th distance included). */
    static double conditionalVariance(int[] arm, double[] armLogit, int pos, double[] y) {
        int left = pos - 1;
        int right = pos + 1;
        List<Integer> used = new ArrayList<>();
        double last = Double.NaN;
        double x = armLogit[pos];
        while (left >= 0 || right < arm.length) {
            double dl = left >= 0 ? x - armLogit[left] : Double.POSITIVE_INFINITY;
            double dr = right < arm.length ? armLogit[right] - x : Double.POSITIVE_INFINITY;
            double d = Math.min(dl, dr);
            if (used.size() >= VARIANCE_NEIGHBOURS && d > last + TIE_TOLERANCE) {
                break;
            }
            if (dl <= dr) {
                used.add(arm[left--]);
            } else {
                used.add(arm[right++]);
            }
            last = d;
        }
        if (used.isEmpty()) {
            return Double.NaN;
        }
        double mean = used.stream().mapToDouble(u -> y[u]).average().orElseThrow();
        int j = used.size();
        double dev = y[arm[pos]] - mean;
        return j / (j + 1.0) * dev * dev;
    }

    /** sqrt((s²_treated + s²_control) / 2), each a frequency-weighted sample variance of the logit. */
    static double pooledSd(double[] w, double[] logit, int[] treated, int[] controls) {
        return Math.sqrt((variance(w, logit, treated) + variance(w, logit, controls)) / 2);
    }

    private static double variance(double[] w, double[] v, int[] idx) {
        double sw = 0;
        double s = 0;
        for (int i : idx) {
            sw += w[i];
            s += w[i] * v[i];
        }
        if (sw <= 1) {
            return 0;
        }
        double mean = s / sw;
        double ss = 0;
        for (int i : idx) {
            ss += w[i] * (v[i] - mean) * (v[i] - mean);
        }
        return ss / (sw - 1);
    }

    private static boolean binary(double[] w) {
        for (double v : w) {
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    private static int[] sortedArm(boolean[] t, double[] w, double[] logit, boolean arm) {
        return IntStream.range(0, t.length)
                .filter(i -> w[i] > 0 && t[i] == arm)
                .boxed()
                .sorted((a, b) -> Double.compare(logit[a], logit[b]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static double[] values(int[] idx, double[] v) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }

    /** The units of {@code idx} (sorted by {@code sorted}) nearest to x, all ties; none beyond the caliper. */
    static int[] nearest(double[] sorted, int[] idx, double x, double caliper) {
        if (sorted.length == 0) {
            return new int[0];
        }
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) { // first position with sorted[pos] >= x
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        double dl = lo > 0 ? x - sorted[lo - 1] : Double.POSITIVE_INFINITY;
        double dr = lo < sorted.length ? sorted[lo] - x : Double.POSITIVE_INFINITY;
        double best = Math.min(dl, dr);
        if (!(best <= caliper)) {
            return new int[0];
        }
        int from = lo;
        while (from > 0 && x - sorted[from - 1] <= best + TIE_TOLERANCE) {
            from--;
        }
        int to = lo;
        while (to < sorted.length && sorted[to] - x <= best + TIE_TOLERANCE) {
            to++;
        }
        return Arrays.copyOfRange(idx, from, to);
    }
}
