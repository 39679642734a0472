package org.zenmoon.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.zenmoon.domain.model.child.ConcernsAChild;
import org.zenmoon.domain.model.cohort.ChildWeek;

/**
 * One child on the counsellor's cohort dashboard: the last seven days in figures (as the cohort page always showed
 * them), and whether and why {@link AtRiskRule} flags the child. The getters are for Jakarta Expression Language.
 *
 * @param chronotype {@code early_bird}, {@code intermediate} or {@code night_owl}; null when not known yet or when
 *     the child has no analysis consent (a chronotype is an analysis result)
 * @param assessed whether the child has active analysis consent, the only children the at-risk rule assesses
 * @param reasons the conditions of the rule that fired, in the rule's order; empty when none or not assessed
 */
public record DashboardChild(
        String childId,
        String pseudonym,
        int birthYear,
        String chronotype,
        Instant lastSeen,
        Double meanHr,
        Double meanStress,
        Double sleepHoursPerNight,
        Double wearHoursPerDay,
        boolean assessed,
        List<AtRiskReason> reasons)
        implements Serializable, ConcernsAChild {

    public DashboardChild {
        reasons = List.copyOf(reasons);
    }

    /** The child's row from its week's figures and its assessment. */
    static DashboardChild of(ChildWeek week, boolean assessed, List<AtRiskReason> reasons) {
        return new DashboardChild(
                week.childId(),
                week.pseudonym(),
                week.birthYear(),
                assessed ? week.chronotype() : null,
                week.lastSeen(),
                week.meanHr(),
                week.meanStress(),
                week.sleepHoursPerNight(),
                week.wearHoursPerDay(),
                assessed,
                assessed ? reasons : List.of());
    }

    public boolean isAtRisk() {
        return !reasons.isEmpty();
    }

    public String getChildId() {
        return childId;
    }

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

    public boolean isAssessed() {
        return assessed;
    }

    public List<AtRiskReason> getReasons() {
        return reasons;
    }
}
