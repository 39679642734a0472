package org.zenmoon.domain.model.epoch;

import java.time.Instant;

/**
 * One minute of a child's measurements, every measure as stored (null where missing): what a device uploads and
 * what the export and the read-back show. {@code scr}, {@code wear} and {@code anomaly} are the wearable's
 * (firmware/docs/FRAME.md).
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
        String deviceId) {}
