package org.zenmoon.application;

import java.util.List;
import org.zenmoon.domain.model.child.ConcernsChildren;

/**
 * The counsellor's dashboard of one cohort: every child of it with its week's figures and at-risk flags, and the
 * cohort's summary (the same as the API's, drawn from the same read). Names every child of the cohort, so that
 * reading it leaves one audit row per child.
 */
public record CohortDashboard(CohortSummaryView summary, List<DashboardChild> children) implements ConcernsChildren {

    public CohortDashboard {
        children = List.copyOf(children);
    }

    @Override
    public List<String> namedChildIds() {
        return children.stream().map(DashboardChild::childId).toList();
    }
}
