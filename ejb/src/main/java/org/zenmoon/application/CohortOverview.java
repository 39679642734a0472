package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.CohortDays;
import org.zenmoon.domain.model.cohort.CohortFigures;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.domain.model.consent.ConsentScope;

/**
 * The counsellor's and clinician's view of their cohorts: who is in them, when each child's device was last
 * seen, the last seven days in figures with each child's at-risk flags, the cohort's daily stress and nightly sleep,
 * and its summary with the children at risk.
 */
@Stateless
@TenantBound
@Requires(Permission.USE_PORTAL)
public class CohortOverview {

    /** The days and nights of the dashboard's charts. */
    public static final int CHART_DAYS = 30;

    @Inject
    CohortRepository cohorts;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Inject
    ConsentCheck consent;

    @Inject
    TenantZone zones;

    @Inject
    ResultCache cache;

    /** Tenant admins see every cohort of the tenant; counsellors and clinicians the cohorts assigned to them. */
    public List<CohortSummary> myCohorts() {
        return cohorts.summaries(policy.childScope(callers.current()));
    }

    /**
     * The cohort's dashboard: every child with its last seven days in figures and its at-risk flags by
     * {@link AtRiskRule} (children with active analysis consent only; the others are not assessed and show no
     * chronotype), with the cohort's summary and its stress and sleep charts from the same read (one pass over the
     * analysed children's epochs). Audited with one row per child of the cohort.
     *
     * @throws NotFoundException (404) for a cohort outside the caller's scope
     */
    @Audited
    public CohortDashboard dashboard(String cohortId) {
        return read(cohortId);
    }

    /**
     * The dashboard's children that pass {@code query}, in its order, for a file the caller takes away (the
     * portal's CSV and PDF export): read afresh, so that the file holds exactly what this call returns and what its
     * audit rows, one per child exported, name.
     *
     * @throws NotFoundException (404) for a cohort outside the caller's scope
     */
    @Audited("export")
    public List<DashboardChild> exportDashboard(String cohortId, DashboardQuery query) {
        return query.apply(read(cohortId).children());
    }

    private CohortDashboard read(String cohortId) {
        CohortSummary cohort = requireVisible(cohortId);
        Instant now = clock.instant();
        CohortDays days = days(now);
        LocalDate today = days.dayOf(now);
        List<ChildWeek> weeks = cohorts.childWeeks(cohortId, now.minus(Duration.ofDays(7)));
        CohortFigures figures = cohorts.figures(
                cohortId,
                consent.childrenWithActive(ConsentScope.ANALYSIS),
                now,
                days,
                AtRiskRule.RECENT_DAYS,
                AtRiskRule.USUAL_DAYS,
                AtRiskRule.FULL_NIGHT_MINUTES,
                CHART_DAYS);
        CohortSummaryView summary = CohortSummaryView.of(cohort, figures.trends(), today, days, now);
        return new CohortDashboard(
                summary,
                rows(weeks, figures.trends(), summary.window()),
                CohortCharts.dailyStress(figures.days(), CohortSummaryView.MIN_CHILDREN),
                CohortCharts.nightlySleep(figures.nights(), CohortSummaryView.MIN_CHILDREN));
    }

    /** Each child's week with its assessment; a child is assessed when the trends read it (analysis consent). */
    static List<DashboardChild> rows(List<ChildWeek> weeks, List<ChildTrend> trends, CohortSummaryView.Window window) {
        Map<String, ChildTrend> byChild = new HashMap<>();
        for (ChildTrend t : trends) {
            byChild.put(t.childId(), t);
        }
        List<DashboardChild> rows = new ArrayList<>(weeks.size());
        for (ChildWeek week : weeks) {
            ChildTrend trend = byChild.get(week.childId());
            boolean assessed = trend != null && trend.analysed();
            rows.add(DashboardChild.of(
                    week, assessed, assessed ? AtRiskRule.assess(trend, window.from(), window.to()) : List.of()));
        }
        return rows;
    }

    /**
     * The cohort's last seven complete days (the tenant's, {@link CohortDays}) in figures, its chronotype mix and the children at risk by
     * {@link AtRiskRule}, drawn only from the children with active analysis consent. Audited with one row per child
     * the at-risk list names.
     *
     * @throws NotFoundException (404) for a cohort outside the caller's scope
     */
    @Audited
    public CohortSummaryView summary(String cohortId) {
        CohortSummary cohort = requireVisible(cohortId);
        Instant now = clock.instant();
        CohortDays days = days(now);
        LocalDate today = days.dayOf(now);
        // Only after the access check, and inside the audited call: a cached summary is audited as a read one is. The
        // day is in the key, so a new day reads afresh.
        return CohortSummaryView.fromJson(cache.ofCohort(
                cohortId,
                "summary|" + days.startOf(today),
                () -> compute(cohort, now, days, today).toJson()));
    }

    private CohortSummaryView compute(CohortSummary cohort, Instant now, CohortDays days, LocalDate today) {
        String cohortId = cohort.cohortId();
        return CohortSummaryView.of(
                cohort,
                cohorts.trends(
                        cohortId,
                        consent.childrenWithActive(ConsentScope.ANALYSIS),
                        today,
                        days,
                        AtRiskRule.RECENT_DAYS,
                        AtRiskRule.USUAL_DAYS,
                        AtRiskRule.FULL_NIGHT_MINUTES),
                today,
                days,
                now);
    }

    /** The days the figures are counted in: those of the 12-hour bins nearest the tenant's local days. */
    private CohortDays days(Instant now) {
        return CohortDays.nearest(zones.current(), now);
    }

    private CohortSummary requireVisible(String cohortId) {
        return myCohorts().stream()
                .filter(c -> c.cohortId().equals(cohortId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Cohort"));
    }
}
