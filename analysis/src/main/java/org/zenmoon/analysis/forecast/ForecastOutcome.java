package org.zenmoon.analysis.forecast;

/** The result of a forecast request: a forecast, or an explicit statement that the history is too short. */
public sealed interface ForecastOutcome permits ForecastOutcome.Forecast, ForecastOutcome.InsufficientHistory {

    /**
     * Point forecasts with 80% and 95% intervals for steps 1..horizon, the chosen model and its backtest accuracy
     * (mean over the rolling origins; NaN when no backtest was possible).
     */
    record Forecast(
            String model,
            double[] mean,
            double[] lo80,
            double[] hi80,
            double[] lo95,
            double[] hi95,
            double backtestSmape,
            double backtestMase,
            int backtestOrigins)
            implements ForecastOutcome {
        public int horizon() {
            return mean.length;
        }
    }

    /** Too little history for any trustworthy forecast: {@code available} values, {@code required} needed. */
    record InsufficientHistory(int available, int required, String reason) implements ForecastOutcome {}
}
