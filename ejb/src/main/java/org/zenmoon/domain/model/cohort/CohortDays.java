package org.zenmoon.domain.model.cohort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Where a cohort figure's days begin. The figures are summed from 12-hour bins that start at midnight and noon UTC
 * (V11's {@code epoch_bin}), so a day is two whole bins: the one of the two bin boundaries nearest the tenant's local
 * midnight starts it. For a zone within six hours of UTC (Europe, Africa, the Americas' east and centre) the days are
 * the UTC days; for a zone further east (most of Asia, Oceania) they start at noon UTC of the day before; for one
 * further west (the Americas' mountain and Pacific zones, Hawaii) at noon UTC of the day itself: at most six hours
 * from local midnight either way. A night runs from
 * noon to noon of the same frame. {@link #shiftHours} is what is added to an instant to read its day as a UTC date.
 *
 * @param shiftHours -12, 0 or 12
 */
public record CohortDays(int shiftHours) {

    /** The UTC days. */
    public static final CohortDays UTC = new CohortDays(0);

    private static final int HALF_DAY = 12 * 3600;

    public CohortDays {
        if (shiftHours != -12 && shiftHours != 0 && shiftHours != 12) {
            throw new IllegalArgumentException(
                    "a cohort day starts at a bin boundary: -12, 0 or 12 hours, not " + shiftHours);
        }
    }

    /** The days nearest the local days of {@code zone} at {@code at} (its offset then; a clock change may move it). */
    public static CohortDays nearest(ZoneId zone, Instant at) {
        int offset = zone.getRules().getOffset(at).getTotalSeconds();
        // The nearest multiple of 12 hours; six hours exactly stays with UTC.
        if (offset > HALF_DAY / 2) {
            return new CohortDays(12);
        }
        return offset < -HALF_DAY / 2 ? new CohortDays(-12) : UTC;
    }

    /** The day that holds {@code t}. */
    public LocalDate dayOf(Instant t) {
        return t.plus(Duration.ofHours(shiftHours)).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The instant {@code day} starts. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(shiftHours));
    }
}
