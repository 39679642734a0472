package org.zenmoon.analysis.forecast.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The M4 measures over a set of series: each measure computed per series and averaged over the series that got
 * a forecast; OWA from those averages against Naive2's (as M4 defines it). Series with too little history are
 * listed, not averaged.
 *
 * @param series number of series given
 * @param insufficientHistory ids of the series the engine declined to forecast
 * @param models how often each model was chosen
 * @param perSeries the measures of every forecast series, in input order
 */
public record M4Accuracy(
        int series,
        List<String> insufficientHistory,
        int horizon,
        int period,
        PointAccuracy forecast,
        PointAccuracy naive2,
        PointAccuracy seasonalNaive,
        double owa,
        double seasonalNaiveOwa,
        double msis,
        double coverage95,
        double coverage80,
        Map<String, Integer> models,
        List<SeriesAccuracy> perSeries) {

    public M4Accuracy {
        insufficientHistory = List.copyOf(insufficientHistory);
        models = Map.copyOf(models);
        perSeries = List.copyOf(perSeries);
    }

    /** Number of series that got a forecast and were scored. */
    public int evaluated() {
        return perSeries.size();
    }
}
