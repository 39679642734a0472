package org.zenmoon.analysis.forecast.evaluation;

/**
 * The measures of one series: the forecast's sMAPE and MASE, the same for Naive2 and seasonal naive on the same
 * history, the 95% interval's MSIS and the share of the future inside the 95% and 80% intervals. All finite.
 */
public record SeriesAccuracy(
        String id,
        String model,
        PointAccuracy forecast,
        PointAccuracy naive2,
        PointAccuracy seasonalNaive,
        double msis,
        double coverage95,
        double coverage80) {}
