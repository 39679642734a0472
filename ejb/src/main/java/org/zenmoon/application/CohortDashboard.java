package org.zenmoon.application;

import java.util.List;
import org.zenmoon.domain.model.child.ConcernsChildren;
import org.zenmoon.domain.model.cohort.DailyStress;
import org.zenmoon.domain.model.cohort.NightlySleep;

/**
 * The counsellor's dashboard of one cohort: every child of it with its week's figures and at-risk flags, the
 * cohort's summary (the same as the API's, drawn from the same read), and its stress and sleep day by day over the
 * last {@value CohortOverview#CHART_DAYS} days and nights. Names every child of the cohort, so that reading it leaves
 * one audit row per child.
 *
 * @param stress the analysed children's mean stress per day (UTC), complete days only
 * @param sleep the analysed children's mean hours asleep per night, up to last night (which may not have ended)
 */
public record CohortDashboard(
        CohortSummaryView summary, List<DashboardChild> children, List<DailyStress> stress, List<NightlySleep> sleep)
        implements ConcernsChildren {

    public CohortDashboard {
        children = List.copyOf(children);
        stress = List.copyOf(stress);
        sleep = List.copyOf(sleep);
    }

    @Override
    public List<String> namedChildIds() {
        return children.stream().map(DashboardChild::childId).toList();
    }
}
