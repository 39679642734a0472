package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.ChildWeek;

/** The dashboard's rows: each child's week with the at-risk rule's verdict, only for the children it may assess. */
class CohortDashboardTest {

    static ChildWeek week(String id, String chronotype) {
        return new ChildWeek(
                id, "Pseudo-" + id, 2016, chronotype, Instant.parse("2026-12-01T08:00:00Z"), 82.0, 0.3, 9.6, 21.0);
    }

    static final CohortSummaryView.Window WINDOW =
            new CohortSummaryView.Window(CohortSummaryViewTest.FROM, CohortSummaryViewTest.TO, 7);

    @Test
    void aChildWithAnalysisConsentIsAssessedAndFlaggedWithItsFigures() {
        ChildTrend worn = CohortSummaryViewTest.withWear(CohortSummaryViewTest.LONG_AGO, 2520);
        List<DashboardChild> rows = CohortOverview.rows(List.of(week("w", "night_owl")), List.of(worn), WINDOW);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.assessed()).isTrue();
            assertThat(row.isAtRisk()).isTrue();
            assertThat(row.chronotype()).isEqualTo("night_owl");
            assertThat(row.reasons()).extracting(AtRiskReason::code).containsExactly("missed_wear");
            assertThat(row.meanStress()).isEqualTo(0.3);
        });
    }

    @Test
    void aChildWithoutAnalysisConsentIsNotAssessedAndShowsNoChronotype() {
        ChildTrend withheld =
                new ChildTrend("x", "Pseudo-x", "night_owl", false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        List<DashboardChild> rows =
                CohortOverview.rows(List.of(week("x", "night_owl"), week("new", null)), List.of(withheld), WINDOW);
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.assessed()).isFalse();
            assertThat(row.isAtRisk()).isFalse();
            assertThat(row.chronotype()).isNull();
        });
        // Its week's figures stay, as the cohort page always showed them.
        assertThat(rows.get(0).meanHr()).isEqualTo(82.0);
    }

    @Test
    void theDashboardNamesEveryChildForTheAudit() {
        List<DashboardChild> rows = CohortOverview.rows(
                List.of(week("a", null), week("b", null)),
                List.of(CohortSummaryViewTest.steady("a"), CohortSummaryViewTest.steady("b")),
                WINDOW);
        CohortDashboard dashboard = new CohortDashboard(null, rows, List.of(), List.of());
        assertThat(dashboard.namedChildIds()).containsExactly("a", "b");
        assertThat(rows).allSatisfy(row -> assertThat(row.isAtRisk()).isFalse());
    }
}
