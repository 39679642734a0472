package org.zenmoon.domain.model.cohort;

import java.time.Instant;

/**
 * One child of a cohort: its last days against its own usual days before them, as sums and counts so that a
 * cohort's figures can be pooled from them. Days are UTC dates; a night belongs to the morning it ends on. For a
 * child left out of the analysis ({@code analysed} false) every figure is zero and {@code firstEpoch} null: its
 * measurements were not read.
 *
 * @param firstEpoch the child's first recorded minute ever, null when there is none
 * @param recentMinutes minutes recorded in the recent days
 * @param recentStressSum sum of the recent days' stress readings, {@code recentStressReadings} of them
 * @param recentStressDays recent days with at least one stress reading
 * @param usualStressDays usual (baseline) days with at least one stress reading
 * @param recentSleepMinutes minutes scored asleep in the recent nights that count (the device scored most of them),
 *     {@code recentNights} of them
 * @param usualNights baseline nights that count
 */
public record ChildTrend(
        String childId,
        String pseudonym,
        String chronotype,
        boolean analysed,
        Instant firstEpoch,
        long recentMinutes,
        double recentStressSum,
        long recentStressReadings,
        int recentStressDays,
        double usualStressSum,
        long usualStressReadings,
        int usualStressDays,
        long recentSleepMinutes,
        int recentNights,
        long usualSleepMinutes,
        int usualNights) {}
