package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.component.datatable.DataTable;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.application.AtRiskReason;
import org.zenmoon.application.CohortDashboard;
import org.zenmoon.application.CohortOverview;
import org.zenmoon.application.CohortSummaryView;
import org.zenmoon.application.DashboardChild;
import org.zenmoon.application.DashboardQuery;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.cohort.CohortSummary;

/**
 * The counsellor's cohort dashboard: pick one of your cohorts, see its children with their at-risk flags (sorted,
 * filtered, a page at a time), its stress, sleep and chronotype mix, and export the filtered children as CSV or PDF.
 * The cohort's children are read once per cohort chosen (audited, one row per child); an export reads them again
 * through the audited export call, one row per child exported.
 */
@Named
@ViewScoped
public class CohortPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The table's client id, for the export's look at its sort and filters. */
    static final String TABLE = "cohort:children";

    private static final DateTimeFormatter SEEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    CohortOverview overview;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    private List<CohortSummary> cohorts;
    private String cohortId;
    private DashboardModel children;
    private int atRisk;
    private int assessed;
    private int notAssessed;
    private String sleepChart;
    private String stressChart;
    private String chronotypeChart;
    private String username;
    private transient PortalWords words;

    @PostConstruct
    void init() {
        username = callers.current().username();
        cohorts = overview.myCohorts();
        if (!cohorts.isEmpty()) {
            cohortId = cohorts.get(0).cohortId();
            load();
        }
    }

    public void load() {
        CohortDashboard dashboard = overview.dashboard(cohortId);
        children = new DashboardModel(dashboard.children());
        atRisk = dashboard.summary().atRisk().count();
        assessed = dashboard.summary().atRisk().assessed();
        notAssessed = dashboard.summary().leftOutForConsent();
        chronotypeChart = DashboardCharts.chronotypeMix(dashboard.summary().chronotypeMix(), words());
        sleepChart = DashboardCharts.sleep(dashboard.sleep(), words());
        stressChart = DashboardCharts.stress(dashboard.stress(), words());
    }

    /**
     * The export's pre-processor: reads the children the table's sort and filters show, through the audited export
     * call, and makes them the rows the exporter writes.
     */
    public void exportStarts(Object document) {
        DataTable table =
                (DataTable) FacesContext.getCurrentInstance().getViewRoot().findComponent(TABLE);
        DashboardQuery query = DashboardModel.query(table.getActiveSortMeta(), table.getActiveFilterMeta());
        children.exporting(overview.exportDashboard(cohortId, query));
    }

    /** The export's post-processor: the table shows the cohort as read again. */
    public void exportEnds(Object document) {
        children.exported();
    }

    /** The export's file name (the exporter adds the extension): the cohort's name and today's date. */
    public String getExportFileName() {
        String name = cohorts.stream()
                .filter(c -> c.cohortId().equals(cohortId))
                .map(CohortSummary::name)
                .findFirst()
                .orElse("cohort");
        return fileName(name, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    static String fileName(String cohortName, LocalDate day) {
        String safe = cohortName.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return (safe.isEmpty() ? "cohort" : safe) + "-" + day;
    }

    public String seen(Instant t) {
        return t == null ? words().text("table.never") : SEEN.format(t);
    }

    /** A figure with {@code digits} decimals, or "no data". */
    public String figure(Double value, int digits) {
        return words().figure(value, digits);
    }

    public int getMinChildren() {
        return CohortSummaryView.MIN_CHILDREN;
    }

    public String chronotype(DashboardChild child) {
        return words().chronotype(child.chronotype());
    }

    public String reasonName(AtRiskReason reason) {
        return words().reason(reason.code());
    }

    public String reasonInFull(AtRiskReason reason) {
        return words().reasonInFull(reason);
    }

    /** The at-risk column's value in an export. */
    public String atRiskInWords(DashboardChild child) {
        return words().atRisk(child);
    }

    public String cohortOption(CohortSummary cohort) {
        return words().format("cohort.option", cohort.name(), cohort.children());
    }

    /** The chronotype filter's choices, in words; their values are not the codes. */
    public List<SelectItem> getChronotypeChoices() {
        List<SelectItem> choices = new ArrayList<>();
        choices.add(new SelectItem("", words().text("table.filter.all")));
        for (ChronotypeCategory c : ChronotypeCategory.values()) {
            choices.add(new SelectItem(DashboardModel.menuValue(c.label()), words().chronotype(c.label())));
        }
        choices.add(new SelectItem(
                DashboardModel.menuValue(DashboardQuery.UNKNOWN), words().chronotype(DashboardQuery.UNKNOWN)));
        return choices;
    }

    private PortalWords words() {
        if (words == null) {
            words = PortalWords.current();
        }
        return words;
    }

    public List<CohortSummary> getCohorts() {
        return cohorts;
    }

    public String getCohortId() {
        return cohortId;
    }

    public void setCohortId(String cohortId) {
        this.cohortId = cohortId;
    }

    public DashboardModel getChildren() {
        return children;
    }

    public int getAtRisk() {
        return atRisk;
    }

    public int getAssessed() {
        return assessed;
    }

    public int getNotAssessed() {
        return notAssessed;
    }

    /** The at-risk rule in words. */
    public List<String> getRule() {
        return words().rule();
    }

    public String getSleepChart() {
        return sleepChart;
    }

    public String getStressChart() {
        return stressChart;
    }

    public String getChronotypeChart() {
        return chronotypeChart;
    }

    public String getUsername() {
        return username;
    }
}
