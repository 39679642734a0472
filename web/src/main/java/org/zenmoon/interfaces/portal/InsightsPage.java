package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.zenmoon.application.CohortOverview;
import org.zenmoon.application.CohortResults;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.domain.model.cohort.CohortSummary;

/**
 * Causal insights for a cohort the caller sees (each intervention's pooled effect across the cohort's children),
 * and, for a tenant admin, across the whole school or clinic, where a class is too small to show an effect.
 */
@Named
@ViewScoped
public class InsightsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The choice that stands for the whole tenant. */
    static final String WHOLE_TENANT = "*";

    @Inject
    CohortOverview overview;

    @Inject
    CohortResults results;

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    private List<CohortSummary> cohorts;
    private boolean wholeTenant;
    private String scope;
    private List<CausalInsights.Insight> insights = List.of();
    private String forestPlot;

    @PostConstruct
    void init() {
        cohorts = overview.myCohorts();
        wholeTenant = policy.permits(callers.current(), Permission.MANAGE_COHORTS);
        if (wholeTenant) {
            scope = WHOLE_TENANT;
            load();
        } else if (!cohorts.isEmpty()) {
            scope = cohorts.get(0).cohortId();
            load();
        }
    }

    public void load() {
        JsonArray effects =
                wholeTenant && WHOLE_TENANT.equals(scope) ? results.tenantEffects() : results.causalEffects(scope);
        insights = CausalInsights.of(effects);
        forestPlot = CausalInsights.forestPlot(insights);
    }

    public List<CohortSummary> getCohorts() {
        return cohorts;
    }

    /** The choices: the whole tenant first (for a tenant admin), then each of the caller's cohorts. */
    public List<SelectItem> getScopes() {
        List<SelectItem> items = new ArrayList<>();
        if (wholeTenant) {
            items.add(new SelectItem(WHOLE_TENANT, "The whole school or clinic"));
        }
        for (CohortSummary c : cohorts) {
            items.add(new SelectItem(c.cohortId(), c.name()));
        }
        return items;
    }

    public boolean isWholeTenant() {
        return wholeTenant;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public List<CausalInsights.Insight> getInsights() {
        return insights;
    }

    public String getForestPlot() {
        return forestPlot;
    }
}
