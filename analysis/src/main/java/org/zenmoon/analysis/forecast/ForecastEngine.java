package org.zenmoon.analysis.forecast;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Automatic forecasting: every candidate model is backtested at rolling origins (the last {@code origins} windows of
 * {@code horizon} values, {@code originStep} apart), the one with the best backtest sMAPE and MASE relative to
 * seasonal naive is refitted on the whole history, and its prediction intervals are the empirical quantiles of its
 * backtest errors near each horizon step. Deterministic; no state.
 */
public final class ForecastEngine {

    private ForecastEngine() {}

    public static ForecastOutcome forecast(double[] y, ForecastSpec spec) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: gaps must be resolved first");
            }
        }
        int h = spec.horizon();
        int n = y.length;
        int smallest = spec.candidates().stream()
                .mapToInt(PointModel::minimumHistory)
                .min()
                .orElseThrow();
        smallest = Math.max(smallest, spec.period() + 1);
        int required = smallest + h;
        if (n < required) {
            return new ForecastOutcome.InsufficientHistory(
                    n,
                    required,
                    "a " + h + "-step forecast needs at least "
                            + required + " values (one backtest window of " + h + " after " + smallest
                            + " for the simplest model); " + n + " available");
        }
        int k = Math.min(spec.origins(), 1 + (n - h - smallest) / spec.originStep());
        int shortest = n - h - (k - 1) * spec.originStep();
        List<PointModel> eligible = spec.candidates().stream()
                .filter(m -> m.minimumHistory() <= shortest)
                .toList();
        if (eligible.isEmpty()) {
            eligible = List.of(new Benchmarks.SeasonalNaive(spec.period()));
        }
        PointModel reference = new Benchmarks.SeasonalNaive(spec.period());

        double[][][] fc = new double[eligible.size()][k][];
        double[] score = new double[eligible.size()];
        double[] smapeSum = new double[eligible.size()];
        double[] maseSum = new double[eligible.size()];
        for (int o = 0; o < k; o++) {
            int cut = n - h - o * spec.originStep();
            double[] train = Arrays.copyOf(y, cut);
            double[] actual = Arrays.copyOfRange(y, cut, cut + h);
            Map<PointModel, double[]> cache = new IdentityHashMap<>();
            double[] ref = forecastCached(reference, train, h, cache);
            double refSmape = Math.max(Metrics.smape(actual, clip(ref, y)), 1e-9);
            double refMase = Math.max(Metrics.mase(train, actual, ref, spec.period()), 1e-9);
            for (int c = 0; c < eligible.size(); c++) {
                double[] f = clip(forecastCached(eligible.get(c), train, h, cache), y);
                fc[c][o] = f;
                double s = Metrics.smape(actual, f);
                double m = Metrics.mase(train, actual, f, spec.period());
                if (!Double.isFinite(m)) {
                    m = Double.isFinite(refMase) ? s / 100 : 0;
                }
                smapeSum[c] += s;
                maseSum[c] += m;
                score[c] += s / refSmape + m / (Double.isFinite(refMase) ? refMase : 1);
            }
        }
        int best = 0;
        for (int c = 1; c < eligible.size(); c++) {
            if (score[c] < score[best] - 1e-12) {
                best = c;
            }
        }
        PointModel chosen = eligible.get(best);
        double[] mean = clip(chosen.forecast(y, h), y);
        double[][] bounds =
                intervals(y, mean, intervalBacktest(y, chosen, fc[best], spec), spec.originStep(), spec.intervalPool());
        return new ForecastOutcome.Forecast(
                chosen.name(),
                mean,
                bounds[0],
                bounds[1],
                bounds[2],
                bounds[3],
                smapeSum[best] / k,
                maseSum[best] / k,
                k);
    }

    /**
     * The chosen model's backtest forecasts at the selection origins and at further origins (up to
     * {@link ForecastSpec#intervalOrigins()} in all, history permitting): the errors at the selection origins alone are too few
     * and too flattering (the model was chosen because they were small) to make honest intervals.
     */
    private static double[][] intervalBacktest(double[] y, PointModel chosen, double[][] selection, ForecastSpec spec) {
        int h = spec.horizon();
        int n = y.length;
        int extra = 0;
        while (selection.length + extra < spec.intervalOrigins()
                && n - h - (selection.length + extra) * spec.originStep() >= chosen.minimumHistory()) {
            extra++;
        }
        double[][] all = Arrays.copyOf(selection, selection.length + extra);
        for (int o = selection.length; o < all.length; o++) {
            int cut = n - h - o * spec.originStep();
            all[o] = clip(chosen.forecast(Arrays.copyOf(y, cut), h), y);
        }
        return all;
    }

    /** Forecasts a model, reusing the members' forecasts for a combination. */
    private static double[] forecastCached(PointModel m, double[] train, int h, Map<PointModel, double[]> cache) {
        double[] f = cache.get(m);
        if (f != null) {
            return f;
        }
        if (m instanceof Combination comb) {
            double[][] fs = new double[comb.members().size()][];
            for (int i = 0; i < fs.length; i++) {
                fs[i] = forecastCached(comb.members().get(i), train, h, cache);
            }
            f = Combination.combine(fs, h, comb.median());
        } else {
            f = m.forecast(train, h);
        }
        cache.put(m, f);
        return f;
    }

    /** Non-negative histories get non-negative forecasts; non-finite values fall back to the last value. */
    static double[] clip(double[] f, double[] y) {
        boolean nonNegative = Deseasonalised.nonNegative(y);
        double[] r = f.clone();
        for (int i = 0; i < r.length; i++) {
            if (!Double.isFinite(r[i])) {
                r[i] = y[y.length - 1];
            }
            if (nonNegative && r[i] < 0) {
                r[i] = 0;
            }
        }
        return r;
    }

    /**
     * Empirical intervals: the 2.5/10/90/97.5% quantiles (linear interpolation, R's type 7) of the backtest errors at steps within {@code pool} of
     * each step, as log ratios on strictly positive series (errors grow with the level) and as differences
     * otherwise.
     */
    static double[][] intervals(double[] y, double[] mean, double[][] backtest, int step, int pool) {
        int n = y.length;
        int h = mean.length;
        int k = backtest.length;
        boolean ratio = DoubleSeasonal.strictlyPositive(y);
        for (double[] f : backtest) {
            for (double v : f) {
                ratio &= v > 0;
            }
        }
        for (double v : mean) {
            ratio &= v > 0;
        }
        double[][] err = new double[k][h];
        for (int o = 0; o < k; o++) {
            int cut = n - h - o * step;
            for (int j = 0; j < h; j++) {
                double a = y[cut + j];
                err[o][j] = ratio ? Math.log(a / backtest[o][j]) : a - backtest[o][j];
            }
        }
        double[][] b = new double[4][h];
        double[] probs = {0.10, 0.90, 0.025, 0.975};
        int[] order = {0, 1, 2, 3};
        boolean nonNegative = Deseasonalised.nonNegative(y);
        for (int j = 0; j < h; j++) {
            int from = Math.max(0, j - pool);
            int to = Math.min(h - 1, j + pool);
            double[] pooled = new double[k * (to - from + 1)];
            int p = 0;
            for (int o = 0; o < k; o++) {
                for (int s = from; s <= to; s++) {
                    pooled[p++] = err[o][s];
                }
            }
            Percentile quantiles = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            quantiles.setData(pooled);
            for (int q : order) {
                double e = quantiles.evaluate(100 * probs[q]);
                double v = ratio ? mean[j] * Math.exp(e) : mean[j] + e;
                if (nonNegative && v < 0) {
                    v = 0;
                }
                b[q][j] = v;
            }
            // the interval always contains the point forecast
            b[0][j] = Math.min(b[0][j], mean[j]);
            b[2][j] = Math.min(b[2][j], b[0][j]);
            b[1][j] = Math.max(b[1][j], mean[j]);
            b[3][j] = Math.max(b[3][j], b[1][j]);
        }
        return b;
    }
}
