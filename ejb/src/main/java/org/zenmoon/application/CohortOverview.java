package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.domain.model.cohort.NightlySleep;
import org.zenmoon.domain.model.consent.ConsentScope;

/**
 * The counsellor's and clinician's view of their cohorts: who is in them, when each child's device was last
 * seen, the last seven days in figures, the cohort's nightly sleep, and its summary with the children at risk.
 */
@Stateless
@TenantBound
@Requires(Permission.USE_PORTAL)
public class CohortOverview {

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

    /** Tenant admins see every cohort of the tenant; counsellors and clinicians the cohorts assigned to them. */
    public List<CohortSummary> myCohorts() {
        return cohorts.summaries(policy.childScope(callers.current()));
    }

    @Audited
    public List<ChildWeek> children(String cohortId) {
        requireVisible(cohortId);
        return cohorts.childWeeks(cohortId, clock.instant().minus(Duration.ofDays(7)));
    }

    /** Mean hours asleep per child, night by night, over the last {@code nights} nights that have data. */
    @Audited
    public List<NightlySleep> nightlySleep(String cohortId, int nights) {
        requireVisible(cohortId);
        return cohorts.nightlySleep(cohortId, clock.instant().minus(Duration.ofDays(nights + 1L)));
    }

    /**
     * The cohort's last seven complete days (UTC) in figures, its chronotype mix and the children at risk by
     * {@link AtRiskRule}, drawn only from the children with active analysis consent. Audited with one row per child
     * the at-risk list names.
     *
     * @throws NotFoundException (404) for a cohort outside the caller's scope
     */
    @Audited
    public CohortSummaryView summary(String cohortId) {
        CohortSummary cohort = requireVisible(cohortId);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return CohortSummaryView.of(
                cohort,
                cohorts.trends(
                        cohortId,
                        consent.childrenWithActive(ConsentScope.ANALYSIS),
                        today,
                        AtRiskRule.RECENT_DAYS,
                        AtRiskRule.USUAL_DAYS,
                        AtRiskRule.FULL_NIGHT_MINUTES),
                today,
                now);
    }

    private CohortSummary requireVisible(String cohortId) {
        return myCohorts().stream()
                .filter(c -> c.cohortId().equals(cohortId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Cohort"));
    }
}
