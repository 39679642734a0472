package org.zenmoon.domain.model.cohort;

import java.io.Serializable;
import java.time.Instant;
import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * One child of a cohort and its last seven days in figures; a figure is null when there was no data. The getters
 * are for Jakarta Expression Language in the portal, which does not see record accessors.
 */
public record ChildWeek(
        String childId,
        String pseudonym,
        int birthYear,
        String chronotype,
        Instant lastSeen,
        Double meanHr,
        Double meanStress,
        Double sleepHoursPerNight,
        Double wearHoursPerDay)
        implements Serializable, ConcernsAChild {

    public String getPseudonym() {
        return pseudonym;
    }

    public int getBirthYear() {
        return birthYear;
    }

    public String getChronotype() {
        return chronotype;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public Double getMeanHr7d() {
        return meanHr;
    }

    public Double getMeanStress7d() {
        return meanStress;
    }

    public Double getSleepHoursPerNight7d() {
        return sleepHoursPerNight;
    }

    public Double getWearHoursPerDay7d() {
        return wearHoursPerDay;
    }
}
