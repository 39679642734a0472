package org.zenmoon.domain.model.epoch;

import java.time.Instant;

/** One stored minute as a child's export shows it, every measure as stored (null where missing). */
public record EpochRecord(
        Instant t,
        Float hr,
        Float rmssd,
        Float eda,
        Integer activity,
        Float stress,
        String sleep,
        Float quality,
        String deviceId) {}
