package org.zenmoon.analysis.forecast;

/** A forecasting model: fits itself to a complete (gap-free) history and returns the point forecasts. */
public interface PointModel {

    /** Short stable name, used in results and in per-model counts. */
    String name();

    /** The fewest history values the model needs. */
    int minimumHistory();

    /** Point forecasts for steps 1..horizon after the last value of {@code y}. */
    double[] forecast(double[] y, int horizon);
}
