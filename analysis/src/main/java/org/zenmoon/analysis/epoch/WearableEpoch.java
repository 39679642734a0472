package org.zenmoon.analysis.epoch;

import java.time.Instant;
import java.util.Objects;

/**
 * The measures of the epoch that starts at {@code start}; any of them may be absent ({@code null}).
 *
 * <ul>
 *   <li>{@code activity}: movement counts on the ActiGraph axis-1 scale (ActiGraph exports and ZenMoon's
 *       firmware both report this scale); a ZenMoon minute without it is a minute the device was off.
 *   <li>{@code heartRate}: beats per minute.
 *   <li>{@code stress}: the device's stress score.
 *   <li>{@code asleep}: a sleep state already decided (by the device or by a scorer).
 * </ul>
 */
public record WearableEpoch(Instant start, Double activity, Double heartRate, Double stress, Boolean asleep) {

    public WearableEpoch {
        Objects.requireNonNull(start, "start");
        requireFinite("activity", activity, start);
        requireFinite("heartRate", heartRate, start);
        requireFinite("stress", stress, start);
        if (activity != null && activity < 0) {
            throw new IllegalArgumentException("activity must be >= 0, not " + activity + " at " + start);
        }
    }

    private static void requireFinite(String name, Double value, Instant start) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, not " + value + " at " + start);
        }
    }

    /** Activity counts only, as in an ActiGraph export. */
    public static WearableEpoch ofCounts(Instant start, double activity) {
        return new WearableEpoch(start, activity, null, null, null);
    }

    /** A stress score only. */
    public static WearableEpoch ofStress(Instant start, double stress) {
        return new WearableEpoch(start, null, null, stress, null);
    }

    /** A sleep state only. */
    public static WearableEpoch ofSleepState(Instant start, boolean asleep) {
        return new WearableEpoch(start, null, null, null, asleep);
    }
}
