package org.zenmoon.analysis.sleep;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One sleep episode. {@code night} is the local date of the evening the night belongs to (an episode that
 * crosses midnight belongs to the evening before; a nap belongs to the night that follows it). An episode is
 * {@code truncated} when the device was off, or the recording ended, right at its onset or its wake, so that its
 * true onset or wake time is unknown.
 */
public record SleepEpisode(
        LocalDate night,
        Instant onset,
        Instant wake,
        Kind kind,
        int sleepMinutes,
        int wakeAfterOnsetMinutes,
        boolean truncated) {

    public enum Kind {
        MAIN,
        NAP
    }

    public Duration length() {
        return Duration.between(onset, wake);
    }
}
