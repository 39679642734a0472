package org.zenmoon.analysis.chronotype;

import java.time.Instant;
import java.util.Objects;

/**
 * One night's main sleep: onset and wake. {@code freeDay} says whether the day after it is free of school;
 * {@code null} lets the school calendar decide.
 */
public record SleepNight(Instant onset, Instant wake, Boolean freeDay) {

    public SleepNight {
        Objects.requireNonNull(onset, "onset");
        Objects.requireNonNull(wake, "wake");
        if (!wake.isAfter(onset)) {
            throw new IllegalArgumentException("wake " + wake + " is not after onset " + onset);
        }
    }
}
