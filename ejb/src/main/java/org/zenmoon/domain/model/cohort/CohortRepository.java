package org.zenmoon.domain.model.cohort;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.zenmoon.domain.model.child.ChildScope;

/** Cohorts of the current tenant, and the figures the portal shows for one. */
public interface CohortRepository {

    /** The cohorts whose children lie in {@code scope} (a guardian's scope has none), by name. */
    List<CohortSummary> summaries(ChildScope scope);

    /** The cohorts a counsellor or clinician is assigned to. */
    Set<String> assignedTo(String userId);

    /** Makes {@code cohortIds} the cohorts the staff member is assigned to, and only those. */
    void assign(String userId, Set<String> cohortIds);

    /** Which of {@code cohortIds} are cohorts of the tenant. */
    Set<String> existing(Set<String> cohortIds);

    /** Whether a cohort of the tenant already has this name, regardless of case. */
    boolean nameTaken(String name);

    void add(Cohort cohort);

    void add(SchoolEvent event);

    /** Each child of the cohort with its figures since {@code since}. */
    List<ChildWeek> childWeeks(String cohortId, Instant since);

    /** Mean hours asleep per child, night by night, for the nights after {@code since} that have data. */
    List<NightlySleep> nightlySleep(String cohortId, Instant since);

    /**
     * The cohort's stress day by day (UTC) for the days from {@code from} to {@code to} (exclusive), from the
     * children in {@code analysed} alone; a day with stress readings of fewer than {@code minChildren} of them is
     * left out.
     */
    List<DailyStress> dailyStress(String cohortId, Set<String> analysed, LocalDate from, LocalDate to, int minChildren);

    /**
     * Each child of the cohort with its figures: the {@code recentDays} days before {@code today} (UTC) and the
     * nights ending on their mornings, against the {@code usualDays} days and nights before those. A night counts
     * only when at least {@code fullNightMinutes} of its 24 hours (noon to noon) have a sleep state. Only the
     * children in {@code analysed} have their measurements read.
     */
    List<ChildTrend> trends(
            String cohortId,
            Set<String> analysed,
            LocalDate today,
            int recentDays,
            int usualDays,
            int fullNightMinutes);
}
