package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.cohort.Cohort;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.domain.model.cohort.SchoolEvent;

/**
 * A tenant's cohorts: the tenant admin creates them; staff list the ones in their scope and log events that
 * concern a whole cohort (a maths test). A cohort outside the caller's scope does not exist for the caller.
 */
@Stateless
@TenantBound
public class CohortRegistry {

    @Inject
    CohortRepository cohorts;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    /** The tenant admin's: every cohort; a counsellor's or clinician's: the cohorts assigned to them. */
    @Requires(Permission.LIST_COHORTS)
    public List<CohortSummary> visibleCohorts() {
        return cohorts.summaries(policy.childScope(callers.current()));
    }

    /** @return the new cohort's id */
    @Requires(Permission.MANAGE_COHORTS)
    public String create(String name, CohortKind kind) {
        if (cohorts.nameTaken(name)) {
            throw new ConflictException("A cohort with this name exists already.");
        }
        String id = UUID.randomUUID().toString();
        cohorts.add(new Cohort(id, name, kind));
        return id;
    }

    /** @return the new event's id */
    @Requires(Permission.LOG_COHORT_EVENTS)
    @Audited("write")
    public String logEvent(String cohortId, String type, Instant start, Instant end) {
        if (visibleCohorts().stream().noneMatch(c -> c.cohortId().equals(cohortId))) {
            throw new NotFoundException("Cohort");
        }
        Activities.requireOrdered(start, end);
        String id = UUID.randomUUID().toString();
        cohorts.add(new SchoolEvent(id, cohortId, type, start, end, SchoolEvent.LOGGED_BY_STAFF));
        return id;
    }
}
