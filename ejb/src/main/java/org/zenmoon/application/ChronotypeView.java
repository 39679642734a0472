package org.zenmoon.application;

import java.time.Instant;

/**
 * A child's chronotype as API.md shows it: clock times as {@code HH:MM}, durations as ISO-8601.
 * {@code status} is {@code ok} or {@code insufficient_data}; with too little data {@code reason} says why
 * and the figures are null.
 */
public record ChronotypeView(
        String status,
        String reason,
        String msfSc,
        String category,
        Long socialJetlagMinutes,
        String sleepDurationSchoolDays,
        String sleepDurationFreeDays,
        int nights,
        int schoolNights,
        int freeNights,
        String method,
        Instant computedAt) {}
