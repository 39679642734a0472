package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;

/** A visible cohort's (or the whole tenant's) pooled analysis results, as the jobs stored them. */
@Stateless
@TenantBound
@Audited
@Requires(Permission.USE_PORTAL)
public class CohortResults {

    @Inject
    CohortOverview overview;

    @Inject
    AnalysisResultRepository results;

    /**
     * The cohort's pooled effects, one per intervention and outcome (a fixed effect per child; children with the
     * intervention on every day or on none are left out); empty before the causal-effects job has run.
     */
    public JsonArray causalEffects(String cohortId) {
        if (overview.myCohorts().stream().noneMatch(c -> c.cohortId().equals(cohortId))) {
            throw new NotFoundException("Cohort");
        }
        return results.latestOfCohort(cohortId, CausalRefresh.KIND)
                .map(r -> CausalRefresh.parse(r.payload()))
                .orElse(JsonArray.EMPTY_JSON_ARRAY);
    }

    /**
     * The whole tenant's pooled effects (every cohort's children with analysis consent), for the tenant's admin:
     * a class is often too small to show an effect that the school can. Empty before the job has run.
     */
    @Requires(Permission.MANAGE_COHORTS)
    public JsonArray tenantEffects() {
        return results.latestOfTenant(CausalRefresh.KIND)
                .map(r -> CausalRefresh.parse(r.payload()))
                .orElse(JsonArray.EMPTY_JSON_ARRAY);
    }
}
