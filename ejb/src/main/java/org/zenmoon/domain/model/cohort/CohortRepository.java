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

    /**
     * Each child of the cohort with its figures: the {@code recentDays} days (of {@code days}) before {@code today} and the
     * nights ending on their mornings, against the {@code usualDays} days and nights before those. A night counts
     * only when at least {@code fullNightMinutes} of its 24 hours (noon to noon) have a sleep state. Only the
     * children in {@code analysed} have their measurements read.
     */
    List<ChildTrend> trends(
            String cohortId,
            Set<String> analysed,
            LocalDate today,
            CohortDays days,
            int recentDays,
            int usualDays,
            int fullNightMinutes);

    /**
     * The cohort's figures for its dashboard, in one pass over the epochs of the children in {@code analysed} up to
     * {@code now}: each child's trend exactly as {@link #trends} gives it for the day (of {@code days}) of {@code now}, and the
     * children's days of the {@code chartDays} complete days before that day and nights of the {@code chartDays}
     * nights up to the one that began the evening before it (which may not have ended).
     */
    CohortFigures figures(
            String cohortId,
            Set<String> analysed,
            Instant now,
            CohortDays days,
            int recentDays,
            int usualDays,
            int fullNightMinutes,
            int chartDays);
}
