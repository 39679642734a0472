package org.zenmoon.analysis.forecast.evaluation;

/**
 * A measure came out as NaN or infinite. The evaluation stops here instead of averaging it away or reporting a
 * placeholder, because the average of the remaining series would describe a different data set.
 */
public final class NonFiniteMetricException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final String seriesId;
    private final String metric;
    private final double value;

    public NonFiniteMetricException(String seriesId, String metric, double value, String reason) {
        super("series " + seriesId + ": " + metric + " is " + value + (reason.isEmpty() ? "" : " (" + reason + ")"));
        this.seriesId = seriesId;
        this.metric = metric;
        this.value = value;
    }

    /** The series whose measure is not finite, or {@code "all series"} for an average. */
    public String seriesId() {
        return seriesId;
    }

    public String metric() {
        return metric;
    }

    public double value() {
        return value;
    }
}
