package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's filters and sort, the same for the table and for an export. */
class DashboardQueryTest {

    static final AtRiskReason STRESS = new AtRiskReason("sustained_stress", 0.5, 0.3, 0.1);
    static final AtRiskReason WEAR = new AtRiskReason("missed_wear", 0.2, null, 0.5);

    static DashboardChild child(
            String pseudonym, String chronotype, Double stress, boolean assessed, AtRiskReason... reasons) {
        return new DashboardChild(
                "id-" + pseudonym,
                pseudonym,
                2016,
                chronotype,
                Instant.parse("2026-12-01T10:00:00Z"),
                80.0,
                stress,
                9.5,
                20.0,
                assessed,
                List.of(reasons));
    }

    static final List<DashboardChild> CLASS = List.of(
            child("Otter-3", "night_owl", 0.31, true),
            child("badger-1", "early_bird", 0.22, true, STRESS, WEAR),
            child("Lynx-7", null, null, true, WEAR),
            child("Crane-2", "intermediate", 0.40, false),
            child("Heron-5", "intermediate", 0.18, true));

    static List<String> names(List<DashboardChild> children) {
        return children.stream().map(DashboardChild::pseudonym).toList();
    }

    static DashboardQuery sortedBy(DashboardQuery.Sort sort, boolean descending) {
        return new DashboardQuery(null, null, false, sort, descending);
    }

    @Test
    void byDefaultTheChildrenWithMostReasonsComeFirstAndTheUnassessedLast() {
        assertThat(names(DashboardQuery.DEFAULT.apply(CLASS)))
                .containsExactly("badger-1", "Lynx-7", "Heron-5", "Otter-3", "Crane-2");
    }

    @Test
    void pseudonymsSortRegardlessOfCase() {
        assertThat(names(sortedBy(DashboardQuery.Sort.PSEUDONYM, false).apply(CLASS)))
                .containsExactly("badger-1", "Crane-2", "Heron-5", "Lynx-7", "Otter-3");
        assertThat(names(sortedBy(DashboardQuery.Sort.PSEUDONYM, true).apply(CLASS)))
                .containsExactly("Otter-3", "Lynx-7", "Heron-5", "Crane-2", "badger-1");
    }

    @Test
    void aChildWithoutAFigureComesLastInEitherDirection() {
        assertThat(names(sortedBy(DashboardQuery.Sort.STRESS, false).apply(CLASS)))
                .containsExactly("Heron-5", "badger-1", "Otter-3", "Crane-2", "Lynx-7");
        assertThat(names(sortedBy(DashboardQuery.Sort.STRESS, true).apply(CLASS)))
                .containsExactly("Crane-2", "Otter-3", "badger-1", "Heron-5", "Lynx-7");
    }

    @Test
    void chronotypesSortInTheCategoriesOrderAndEqualOnesByPseudonym() {
        assertThat(names(sortedBy(DashboardQuery.Sort.CHRONOTYPE, false).apply(CLASS)))
                .containsExactly("badger-1", "Crane-2", "Heron-5", "Otter-3", "Lynx-7");
    }

    @Test
    void thePseudonymFilterFindsAPartRegardlessOfCase() {
        DashboardQuery q = new DashboardQuery("  ER ", null, false, DashboardQuery.Sort.PSEUDONYM, false);
        assertThat(names(q.apply(CLASS))).containsExactly("badger-1", "Heron-5", "Otter-3");
    }

    @Test
    void theChronotypeFilterTakesACategoryOrTheUnknown() {
        assertThat(names(new DashboardQuery(null, "intermediate", false, DashboardQuery.Sort.PSEUDONYM, false)
                        .apply(CLASS)))
                .containsExactly("Crane-2", "Heron-5");
        assertThat(names(new DashboardQuery(null, DashboardQuery.UNKNOWN, false, DashboardQuery.Sort.PSEUDONYM, false)
                        .apply(CLASS)))
                .containsExactly("Lynx-7");
        assertThatThrownBy(() -> new DashboardQuery(null, "lark", false, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atRiskOnlyKeepsTheFlaggedChildrenAndFiltersCombine() {
        assertThat(names(new DashboardQuery(null, null, true, DashboardQuery.Sort.PSEUDONYM, false).apply(CLASS)))
                .containsExactly("badger-1", "Lynx-7");
        assertThat(names(new DashboardQuery("lynx", null, true, DashboardQuery.Sort.PSEUDONYM, false).apply(CLASS)))
                .containsExactly("Lynx-7");
        assertThat(new DashboardQuery("otter", null, true, DashboardQuery.Sort.PSEUDONYM, false).apply(CLASS))
                .isEmpty();
    }

    @Test
    void everyColumnOfThePageHasItsSort() {
        assertThat(DashboardQuery.Sort.ofField("meanStress7d")).isEqualTo(DashboardQuery.Sort.STRESS);
        assertThat(DashboardQuery.Sort.ofField("atRisk")).isEqualTo(DashboardQuery.Sort.AT_RISK);
        assertThat(DashboardQuery.Sort.ofField("childId")).isNull();
        for (DashboardQuery.Sort sort : DashboardQuery.Sort.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                assertThat(sortedBy(sort, descending).apply(CLASS))
                        .as(sort + " " + descending)
                        .hasSize(5);
            }
        }
    }
}
