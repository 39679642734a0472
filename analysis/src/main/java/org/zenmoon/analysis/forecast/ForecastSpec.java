package org.zenmoon.analysis.forecast;

import java.util.List;

/**
 * What to forecast and how to choose: the horizon, the seasonal period used for MASE and the short-period models,
 * an optional long period (168 h for a weekly rhythm in hourly data, 0 for none), the number of backtest origins
 * and the candidate models.
 */
public record ForecastSpec(
        int horizon, int period, int longPeriod, int origins, int originStep, List<PointModel> candidates) {

    public ForecastSpec {
        if (horizon < 1 || period < 1 || longPeriod < 0 || origins < 1 || originStep < 1) {
            throw new IllegalArgumentException("horizon, period, origins and originStep must be positive");
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
                horizon, period, longPeriod, 6, Math.max(1, period), defaultCandidates(period, longPeriod));
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
