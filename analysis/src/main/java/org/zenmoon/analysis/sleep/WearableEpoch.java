package org.zenmoon.analysis.sleep;

import java.time.Instant;
import java.util.Objects;

/**
 * One minute from a ZenMoon wearable: activity counts and heart rate, either may be absent ({@code null}).
 * A minute without activity counts is treated as "device off".
 */
public record WearableEpoch(Instant start, Double activity, Double heartRate) {

    public WearableEpoch {
        Objects.requireNonNull(start, "start");
    }
}
