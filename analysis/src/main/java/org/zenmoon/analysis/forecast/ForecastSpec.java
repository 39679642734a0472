package org.zenmoon.analysis.forecast;

import java.util.List;

/**
 * What to forecast and how to choose: the horizon, the seasonal period used for MASE and the short-period models,
 * an optional long period (168 h for a weekly rhythm in hourly data, 0 for none), the backtest origins for the
 * per-series selection, the backtest origins and step pooling for the empirical intervals, and the candidate
 * models.
 *
 * @param origins backtest origins (windows of {@code horizon} values ending {@code originStep} apart) over which
 *     the candidates are compared
 * @param intervalOrigins backtest origins whose errors calibrate the intervals (the selection origins and more,
 *     history permitting)
 * @param intervalPool the errors at steps within this many steps of a horizon step are pooled for its interval
 */
public record ForecastSpec(
        int horizon,
        int period,
        int longPeriod,
        int origins,
        int originStep,
        int intervalOrigins,
        int intervalPool,
        List<PointModel> candidates) {

    /** Selection origins of the automatic configuration. */
    static final int SELECTION_ORIGINS = 6;

    /** Interval origins of the automatic configuration. */
    static final int INTERVAL_ORIGINS = 28;

    /** Step pooling of the automatic configuration's intervals. */
    static final int INTERVAL_POOL = 6;

    public ForecastSpec {
        if (horizon < 1 || period < 1 || longPeriod < 0 || origins < 1 || originStep < 1 || intervalOrigins < 1) {
            throw new IllegalArgumentException(
                    "horizon, period, origins, originStep and intervalOrigins must be positive");
        }
        if (intervalPool < 0) {
            throw new IllegalArgumentException("intervalPool must not be negative");
        }
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("at least one candidate model is needed");
        }
    }

    /** Hourly data with daily and weekly rhythms (M4 Hourly, a child's hourly stress). */
    public static ForecastSpec hourly(int horizon) {
        return automatic(horizon, 24, 168);
    }

    /** The automatic configuration for a period and an optional long period (0 for none). */
    public static ForecastSpec automatic(int horizon, int period, int longPeriod) {
        return new ForecastSpec(
                horizon,
                period,
                longPeriod,
                SELECTION_ORIGINS,
                Math.max(1, period),
                INTERVAL_ORIGINS,
                INTERVAL_POOL,
                defaultCandidates(period, longPeriod));
    }

    /** The same, choosing among other candidates. */
    public ForecastSpec withCandidates(List<PointModel> models) {
        return new ForecastSpec(
                horizon, period, longPeriod, origins, originStep, intervalOrigins, intervalPool, models);
    }

    /** The same, with another number of selection origins. */
    public ForecastSpec withOrigins(int selectionOrigins) {
        return new ForecastSpec(
                horizon, period, longPeriod, selectionOrigins, originStep, intervalOrigins, intervalPool, candidates);
    }

    /** The same, with intervals from other backtest origins and step pooling. */
    public ForecastSpec withIntervals(int origins, int pool) {
        return new ForecastSpec(horizon, period, longPeriod, this.origins, originStep, origins, pool, candidates);
    }

    /** The candidate set of the automatic configuration. */
    public static List<PointModel> defaultCandidates(int period, int longPeriod) {
        PointModel snaive = new Benchmarks.SeasonalNaive(period);
        PointModel theta = new Theta(period);
        PointModel hwMul = new HoltWinters(period, true);
        PointModel hwAdd = new HoltWinters(period, false);
        if (longPeriod <= period) {
            return List.of(snaive, theta, hwMul, hwAdd, new Combination(List.of(snaive, theta, hwMul), true));
        }
        PointModel dshw = new DoubleSeasonal(period, longPeriod);
        PointModel profile1 = new WeeklyProfile(period, longPeriod, 1);
        PointModel profile3 = new WeeklyProfile(period, longPeriod, 3);
        PointModel thetaLong = new Theta(longPeriod);
        return List.of(
                snaive,
                hwMul,
                hwAdd,
                dshw,
                profile1,
                profile3,
                thetaLong,
                new Combination(List.of(dshw, profile1, profile3, thetaLong, hwMul), true));
    }
}
