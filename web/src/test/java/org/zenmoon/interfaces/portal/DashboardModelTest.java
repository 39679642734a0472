package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.MatchMode;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.zenmoon.application.AtRiskReason;
import org.zenmoon.application.DashboardChild;
import org.zenmoon.application.DashboardQuery;

/** The dashboard's lazy table: the table's sort and filters as a query, a page at a time, and an export's rows. */
class DashboardModelTest {

    static final AtRiskReason DEBT = new AtRiskReason("sleep_debt", 8.5, 9.8, 1.0);

    static DashboardChild child(int i, String chronotype, boolean atRisk) {
        return new DashboardChild(
                "id-" + i,
                String.format("Child-%03d", i),
                2010 + i % 8,
                chronotype,
                Instant.parse("2026-12-01T10:00:00Z"),
                70.0 + i,
                0.2 + i / 1000.0,
                9.0,
                20.0,
                true,
                atRisk ? List.of(DEBT) : List.of());
    }

    /** 120 children: every tenth at risk, every third an early bird. */
    static final List<DashboardChild> COHORT = cohort();

    static List<DashboardChild> cohort() {
        List<DashboardChild> children = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            children.add(child(i, i % 3 == 0 ? "early_bird" : "intermediate", i % 10 == 0));
        }
        return children;
    }

    static Map<String, SortMeta> sort(String field, SortOrder order) {
        return Map.of(field, SortMeta.builder().field(field).order(order).build());
    }

    static Map<String, FilterMeta> filter(String field, Object value) {
        return Map.of(
                field,
                FilterMeta.builder()
                        .field(field)
                        .filterValue(value)
                        .matchMode(MatchMode.CONTAINS)
                        .build());
    }

    static List<String> names(List<DashboardChild> page) {
        return page.stream().map(DashboardChild::pseudonym).toList();
    }

    @Test
    void theTablesSortAndFiltersBecomeTheQuery() {
        assertThat(DashboardModel.query(sort("meanStress7d", SortOrder.DESCENDING), filter("pseudonym", "child-1")))
                .isEqualTo(new DashboardQuery("child-1", null, false, DashboardQuery.Sort.STRESS, true));
        assertThat(DashboardModel.query(Map.of(), Map.of())).isEqualTo(DashboardQuery.DEFAULT);
        assertThat(DashboardModel.query(sort("birthYear", SortOrder.UNSORTED), null))
                .isEqualTo(DashboardQuery.DEFAULT);
        assertThat(DashboardModel.query(null, filter("atRisk", Boolean.TRUE)).atRiskOnly())
                .isTrue();
        assertThat(DashboardModel.query(null, filter("atRisk", Boolean.FALSE)).atRiskOnly())
                .isFalse();
        assertThat(DashboardModel.query(null, filter("chronotype", "NIGHT_OWL")).chronotype())
                .isEqualTo("night_owl");
        assertThat(DashboardModel.query(null, filter("chronotype", "NOT_KNOWN")).chronotype())
                .isEqualTo("unknown");
        assertThat(DashboardModel.query(null, filter("chronotype", "")).chronotype())
                .isNull();
    }

    @Test
    void theMenusValuesAreNotTheCodes() {
        assertThat(DashboardModel.menuValue("early_bird")).isEqualTo("EARLY_BIRD");
        assertThat(DashboardModel.menuValue("unknown")).isEqualTo("NOT_KNOWN");
        assertThat(DashboardModel.chronotype(DashboardModel.menuValue("night_owl")))
                .isEqualTo("night_owl");
        assertThat(DashboardModel.chronotype("night_owl"))
                .as("a code is no menu value")
                .isNull();
    }

    @Test
    void aPageIsCutFromTheSortedAndFilteredChildren() {
        DashboardModel model = new DashboardModel(COHORT);
        List<DashboardChild> second = model.load(25, 25, sort("pseudonym", SortOrder.DESCENDING), Map.of());
        assertThat(names(second)).hasSize(25).startsWith("Child-094").endsWith("Child-070");
        assertThat(model.getRowCount()).isEqualTo(120);

        Map<String, FilterMeta> earlyAtRisk = new HashMap<>(filter("chronotype", "EARLY_BIRD"));
        earlyAtRisk.putAll(filter("atRisk", Boolean.TRUE));
        // At risk: 0, 10, ..., 110; of those early birds (multiples of 3): 0, 30, 60, 90.
        assertThat(model.count(earlyAtRisk)).isEqualTo(4);
        assertThat(names(model.load(0, 25, sort("pseudonym", SortOrder.ASCENDING), earlyAtRisk)))
                .containsExactly("Child-000", "Child-030", "Child-060", "Child-090");
        assertThat(model.getRowCount()).isEqualTo(4);
        assertThat(model.load(100, 25, Map.of(), earlyAtRisk)).isEmpty();
    }

    @Test
    void whileAnExportRunsTheTableHoldsTheExportsRowsAndAfterwardsTheCohortAgain() {
        DashboardModel model = new DashboardModel(COHORT);
        List<DashboardChild> exported = List.of(COHORT.get(10), COHORT.get(20));
        model.exporting(exported);
        assertThat(model.isExporting()).isTrue();
        assertThat(model.getRowCount()).isEqualTo(2);
        // The exporter asks for as many rows as the row count, with the table's sort and filters.
        assertThat(model.load(0, model.getRowCount(), sort("pseudonym", SortOrder.DESCENDING), Map.of()))
                .containsExactlyElementsOf(exported);
        model.exported();
        assertThat(model.isExporting()).isFalse();
        assertThat(model.load(0, 25, Map.of(), Map.of())).hasSize(25);
        assertThat(model.getRowCount()).isEqualTo(120);
    }

    @Test
    void rowsAreKnownByTheChildsId() {
        DashboardModel model = new DashboardModel(COHORT);
        assertThat(model.getRowKey(COHORT.get(7))).isEqualTo("id-7");
        assertThat(model.getRowData("id-7")).isEqualTo(COHORT.get(7));
        assertThat(model.getRowData("id-of-another-cohort")).isNull();
    }
}
