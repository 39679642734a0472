package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
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

/**
 * The counsellor's and clinician's view of their cohorts: who is in them, when each child's device was last
 * seen, the last seven days in figures, and the cohort's nightly sleep.
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

    private void requireVisible(String cohortId) {
        if (myCohorts().stream().noneMatch(c -> c.cohortId().equals(cohortId))) {
            throw new NotFoundException("Cohort");
        }
    }
}
