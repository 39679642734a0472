package org.zenmoon.analysis.sleep;

import java.time.Instant;

/**
 * One Tudor-Locke sleep period, with ActiLife's sleep-quality figures. {@code outBed} is exclusive (the first
 * minute of the wake run that ended the period), as in ActiLife's exports; durations are in minutes.
 */
public record SleepPeriod(
        Instant inBed,
        Instant outBed,
        Instant onset,
        int latency,
        int duration,
        int totalSleepTime,
        int wakeAfterOnset,
        int awakenings,
        double averageAwakening,
        double totalCounts,
        double efficiency,
        double movementIndex,
        double fragmentationIndex,
        double sleepFragmentationIndex) {}
