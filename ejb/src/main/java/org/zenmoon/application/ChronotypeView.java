package org.zenmoon.application;

import java.time.Duration;
import java.time.Instant;
import org.zenmoon.analysis.chronotype.Chronotype;

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
        Instant computedAt) {

    static final String METHOD = "Sadeh (1994) on activity counts with a heart-rate check, Tudor-Locke episodes, "
            + "MCTQ MSFsc over school and free nights (weekends free), age-dependent categories";

    /** The analysis result as the API shows it; the figures only when the status is ok. */
    public static ChronotypeView of(Chronotype c, Instant computedAt) {
        boolean ok = c.status() == Chronotype.Status.OK;
        return new ChronotypeView(
                c.status().label(),
                c.reason(),
                ok ? clockTime(c.msfSc()) : null,
                ok && c.category() != null ? c.category().label() : null,
                ok && c.socialJetlag() != null ? Math.round(c.socialJetlag()) : null,
                ok ? duration(c.sleepDurationSchoolDays()) : null,
                ok ? duration(c.sleepDurationFreeDays()) : null,
                c.nights(),
                c.schoolNights(),
                c.freeNights(),
                METHOD,
                computedAt);
    }

    static String clockTime(Double minutes) {
        if (minutes == null) {
            return null;
        }
        long m = Math.floorMod(Math.round(minutes), 1440);
        return String.format("%02d:%02d", m / 60, m % 60);
    }

    static String duration(Double minutes) {
        return minutes == null ? null : Duration.ofMinutes(Math.round(minutes)).toString();
    }
}
