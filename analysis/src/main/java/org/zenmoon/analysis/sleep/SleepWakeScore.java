package org.zenmoon.analysis.sleep;

import java.time.Instant;

/** The sleep/wake score of the one-minute epoch starting at {@code start}, with the activity counts it was scored on. */
public record SleepWakeScore(Instant start, double counts, boolean asleep) {

    /** ActiLife's letter: {@code S} or {@code W}. */
    public String letter() {
        return asleep ? "S" : "W";
    }
}
