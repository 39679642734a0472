package org.zenmoon.analysis.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * An evenly spaced series ready for forecasting: {@code values[i]} belongs to {@code start + i·step}. Short gaps
 * were filled by linear interpolation and are flagged in {@code imputed}; everything before the last long gap was
 * discarded ({@code discarded} slots) rather than bridged, and {@code note} says what was done.
 */
public record RegularSeries(
        Instant start, Duration step, double[] values, boolean[] imputed, int discarded, String note) {

    /** The time of the slot after the last value, where a forecast starts. */
    public Instant next() {
        return start.plus(step.multipliedBy(values.length));
    }

    public int imputedCount() {
        int c = 0;
        for (boolean b : imputed) {
            if (b) {
                c++;
            }
        }
        return c;
    }
}
