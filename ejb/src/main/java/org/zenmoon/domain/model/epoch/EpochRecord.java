package org.zenmoon.domain.model.epoch;

import java.time.Instant;

/**
 * One minute of a child's measurements, every measure as stored (null where missing): what a device uploads and
 * what the export and the read-back show. {@code scr}, {@code wear} and {@code anomaly} are the wearable's
 * (firmware/docs/FRAME.md). {@code steps} are the steps a pedometer counted in the minute (Open mHealth
 * step-count), kept apart from {@code activity}, which is the wearable's mean ENMO in mg and no step count.
 */
public record EpochRecord(
        Instant t,
        Float hr,
        Float rmssd,
        Float eda,
        Integer activity,
        Float stress,
        String sleep,
        Float quality,
        Integer scr,
        Boolean wear,
        Float anomaly,
        String deviceId,
        Integer steps) {

    /** A minute without a step count, as the wearable measures it. */
    public EpochRecord(
            Instant t,
            Float hr,
            Float rmssd,
            Float eda,
            Integer activity,
            Float stress,
            String sleep,
            Float quality,
            Integer scr,
            Boolean wear,
            Float anomaly,
            String deviceId) {
        this(t, hr, rmssd, eda, activity, stress, sleep, quality, scr, wear, anomaly, deviceId, null);
    }
}
