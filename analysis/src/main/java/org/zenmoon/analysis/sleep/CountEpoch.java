package org.zenmoon.analysis.sleep;

import java.time.Instant;
import java.util.Objects;

/** Activity counts (ActiGraph axis 1, or a wearable's counts) of the epoch starting at {@code start}. */
public record CountEpoch(Instant start, double counts) {

    public CountEpoch {
        Objects.requireNonNull(start, "start");
        if (!Double.isFinite(counts) || counts < 0) {
            throw new IllegalArgumentException("counts must be finite and >= 0, not " + counts + " at " + start);
        }
    }
}
