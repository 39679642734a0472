package org.zenmoon.analysis.causal;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of one child: whether the intervention happened (a mindfulness session, an earlier bedtime), the
 * evening stress score, the sleep of the night that follows, and whether the day had a school event (a test,
 * a trip). Missing measurements are NaN; such days are left out of analyses that need them.
 */
public record DailyObservation(
        String childId, LocalDate date, boolean treated, double eveningStress, double sleepHours, boolean schoolEvent) {
    public DailyObservation {
        Objects.requireNonNull(childId, "childId");
        Objects.requireNonNull(date, "date");
    }
}
