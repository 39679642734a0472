package org.zenmoon.analysis.forecast.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.zenmoon.analysis.forecast.Benchmarks;
import org.zenmoon.analysis.forecast.ForecastEngine;
import org.zenmoon.analysis.forecast.ForecastOutcome;
import org.zenmoon.analysis.forecast.ForecastSpec;
import org.zenmoon.analysis.forecast.Metrics;
import org.zenmoon.analysis.forecast.PointModel;

/**
 * The M4 competition's evaluation (sMAPE, MASE with the in-sample seasonal naive scale, OWA against Naive2, MSIS
 * of the 95% interval, coverage), as its R evaluation code computes it. Every measure is checked: a NaN or
 * infinite value throws {@link NonFiniteMetricException} naming the series.
 */
public final class M4Evaluation {

    /** MSIS is scored for the 95% interval. */
    static final double ALPHA = 0.05;

    private M4Evaluation() {}

    /** Forecasts every series from its history (in parallel; each forecast is deterministic) and scores them. */
    public static M4Accuracy run(List<Holdout> series, ForecastSpec spec) {
        return evaluate(series, forecastAll(series, spec), spec.period());
    }

    /** The engine's outcome for every series' history, in input order. */
    public static List<ForecastOutcome> forecastAll(List<Holdout> series, ForecastSpec spec) {
        for (Holdout s : series) {
            if (s.horizon() != spec.horizon()) {
                throw new IllegalArgumentException(
                        "series " + s.id() + " holds out " + s.horizon() + " values, the horizon is " + spec.horizon());
            }
        }
        ForecastOutcome[] out = new ForecastOutcome[series.size()];
        IntStream.range(0, out.length)
                .parallel()
                .forEach(i -> out[i] = ForecastEngine.forecast(series.get(i).history(), spec));
        return List.of(out);
    }

    /**
     * Scores outcomes already made ({@code outcomes.get(i)} from {@code series.get(i).history()}) with seasonal
     * period {@code period}.
     *
     * @throws NonFiniteMetricException when any measure of any series, or an average, is not finite
     */
    public static M4Accuracy evaluate(List<Holdout> series, List<ForecastOutcome> outcomes, int period) {
        if (series.size() != outcomes.size()) {
            throw new IllegalArgumentException(series.size() + " series but " + outcomes.size() + " outcomes");
        }
        List<SeriesAccuracy> scored = new ArrayList<>();
        List<String> insufficient = new ArrayList<>();
        Map<String, Integer> models = new TreeMap<>();
        for (int i = 0; i < series.size(); i++) {
            Holdout s = series.get(i);
            if (outcomes.get(i) instanceof ForecastOutcome.Forecast f) {
                scored.add(score(s, f, period));
                models.merge(f.model(), 1, Integer::sum);
            } else {
                insufficient.add(s.id());
            }
        }
        int h = series.isEmpty() ? 0 : series.get(0).horizon();
        if (scored.isEmpty()) {
            throw new IllegalArgumentException("no series could be forecast, so there is nothing to average");
        }
        PointAccuracy forecast = mean(scored, "forecast", SeriesAccuracy::forecast);
        PointAccuracy naive2 = mean(scored, "Naive2", SeriesAccuracy::naive2);
        PointAccuracy snaive = mean(scored, "seasonal naive", SeriesAccuracy::seasonalNaive);
        return new M4Accuracy(
                series.size(),
                insufficient,
                h,
                period,
                forecast,
                naive2,
                snaive,
                finite("all series", "OWA", forecast.owa(naive2), "Naive2's average sMAPE or MASE is 0"),
                finite("all series", "seasonal naive OWA", snaive.owa(naive2), "Naive2's average sMAPE or MASE is 0"),
                scored.stream().mapToDouble(SeriesAccuracy::msis).average().orElseThrow(),
                scored.stream()
                        .mapToDouble(SeriesAccuracy::coverage95)
                        .average()
                        .orElseThrow(),
                scored.stream()
                        .mapToDouble(SeriesAccuracy::coverage80)
                        .average()
                        .orElseThrow(),
                models,
                scored);
    }

    /**
     * The mean sMAPE and MASE of one fixed model (no selection, no intervals) over the series, e.g. to reproduce
     * M4's published benchmark figures.
     *
     * @throws NonFiniteMetricException when a measure of any series is not finite
     */
    public static PointAccuracy score(List<Holdout> series, PointModel model, int period) {
        PointAccuracy[] each = new PointAccuracy[series.size()];
        IntStream.range(0, each.length).parallel().forEach(i -> {
            Holdout s = series.get(i);
            double[] f = model.forecast(s.history(), s.horizon());
            each[i] = point(
                    s.id(), model.name() + " ", s.history(), s.future(), f, period, scaleProblem(s.history(), period));
        });
        return new PointAccuracy(
                finite(
                        "all series",
                        model.name() + " mean sMAPE",
                        Arrays.stream(each)
                                .mapToDouble(PointAccuracy::smape)
                                .average()
                                .orElseThrow(),
                        ""),
                finite(
                        "all series",
                        model.name() + " mean MASE",
                        Arrays.stream(each)
                                .mapToDouble(PointAccuracy::mase)
                                .average()
                                .orElseThrow(),
                        ""));
    }

    /** The measures of one forecast against the held-out future. */
    public static SeriesAccuracy score(Holdout s, ForecastOutcome.Forecast f, int period) {
        double[] y = s.history();
        double[] a = s.future();
        int h = a.length;
        if (f.horizon() < h) {
            throw new IllegalArgumentException(
                    "series " + s.id() + ": the forecast has " + f.horizon() + " steps, " + h + " are held out");
        }
        double[] mean = Arrays.copyOf(f.mean(), h);
        double[][] bounds = {f.lo95(), f.hi95(), f.lo80(), f.hi80()};
        for (double[] b : bounds) {
            for (int k = 0; k < h; k++) {
                if (!Double.isFinite(b[k]) || !Double.isFinite(mean[k])) {
                    throw new NonFiniteMetricException(
                            s.id(), "forecast step " + (k + 1), Double.isFinite(mean[k]) ? b[k] : mean[k], "");
                }
            }
        }
        String why = scaleProblem(y, period);
        PointAccuracy forecast = point(s.id(), "", y, a, mean, period, why);
        PointAccuracy naive2 =
                point(s.id(), "Naive2 ", y, a, new Benchmarks.Naive2(period).forecast(y, h), period, why);
        PointAccuracy snaive = point(
                s.id(), "seasonal naive ", y, a, new Benchmarks.SeasonalNaive(period).forecast(y, h), period, why);
        double msis = finite(
                s.id(),
                "MSIS",
                Metrics.msis(y, a, Arrays.copyOf(f.lo95(), h), Arrays.copyOf(f.hi95(), h), ALPHA, period),
                why);
        return new SeriesAccuracy(
                s.id(),
                f.model(),
                forecast,
                naive2,
                snaive,
                msis,
                Metrics.covered(a, f.lo95(), f.hi95()) / (double) h,
                Metrics.covered(a, f.lo80(), f.hi80()) / (double) h);
    }

    /** Why MASE would not be finite on this history, or "" when its scale is fine. */
    private static String scaleProblem(double[] y, int period) {
        double scale = Metrics.seasonalNaiveScale(y, period);
        return !Double.isFinite(scale)
                ? "the history has " + y.length + " values, MASE's scale needs more than the period " + period
                : scale == 0
                        ? "the history repeats exactly every " + period + " steps, so MASE's scale, the in-sample"
                                + " seasonal naive error, is 0"
                        : "";
    }

    private static PointAccuracy point(
            String id, String method, double[] y, double[] actual, double[] f, int period, String why) {
        return new PointAccuracy(
                finite(id, method + "sMAPE", Metrics.smape(actual, f), ""),
                finite(id, method + "MASE", Metrics.mase(y, actual, f, period), why));
    }

    private static PointAccuracy mean(
            List<SeriesAccuracy> scored, String method, Function<SeriesAccuracy, PointAccuracy> of) {
        return new PointAccuracy(
                finite(
                        "all series",
                        method + " mean sMAPE",
                        scored.stream()
                                .mapToDouble(s -> of.apply(s).smape())
                                .average()
                                .orElseThrow(),
                        ""),
                finite(
                        "all series",
                        method + " mean MASE",
                        scored.stream()
                                .mapToDouble(s -> of.apply(s).mase())
                                .average()
                                .orElseThrow(),
                        ""));
    }

    private static double finite(String id, String metric, double v, String why) {
        if (!Double.isFinite(v)) {
            throw new NonFiniteMetricException(id, metric, v, why);
        }
        return v;
    }
}
