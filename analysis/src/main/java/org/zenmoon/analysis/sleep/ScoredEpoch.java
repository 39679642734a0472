package org.zenmoon.analysis.sleep;

import java.time.Instant;

/** A one-minute epoch with its counts and its sleep/wake score. */
public record ScoredEpoch(Instant start, double counts, boolean asleep) {

    /** ActiLife's letter: {@code S} or {@code W}. */
    public String letter() {
        return asleep ? "S" : "W";
    }
}
