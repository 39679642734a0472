package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.zenmoon.application.CohortOverview;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.domain.model.cohort.NightlySleep;

/** The cohort page: pick one of your cohorts, see its children and its nightly sleep. */
@Named
@ViewScoped
public class CohortPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int NIGHTS = 30;
    private static final DateTimeFormatter SEEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    CohortOverview overview;

    @Inject
    CallerContext callers;

    private List<CohortSummary> cohorts;
    private String cohortId;
    private List<ChildWeek> children;
    private String sleepChart;
    private String username;

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
        children = overview.children(cohortId);
        sleepChart = chartJson(overview.nightlySleep(cohortId, NIGHTS));
    }

    /** Chart.js configuration for PrimeFaces' p:chart. */
    static String chartJson(List<NightlySleep> nights) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder hours = Json.createArrayBuilder();
        for (NightlySleep n : nights) {
            labels.add(n.night().toString());
            hours.add(Math.round(n.meanSleepHours() * 100) / 100.0);
        }
        return Json.createObjectBuilder()
                .add("type", "line")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", labels)
                                .add(
                                        "datasets",
                                        Json.createArrayBuilder()
                                                .add(Json.createObjectBuilder()
                                                        .add(
                                                                "label",
                                                                "Mean hours asleep per child (night starting on date)")
                                                        .add("data", hours)
                                                        .add("borderColor", "#3b5ba5")
                                                        .add("tension", 0.2)
                                                        .add("fill", false))))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("responsive", true)
                                .add("maintainAspectRatio", false)
                                .add(
                                        "scales",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "y",
                                                        Json.createObjectBuilder()
                                                                .add(
                                                                        "title",
                                                                        Json.createObjectBuilder()
                                                                                .add("display", true)
                                                                                .add("text", "hours")))))
                .build()
                .toString();
    }

    public String seen(Instant t) {
        return t == null ? "never" : SEEN.format(t);
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

    public List<ChildWeek> getChildren() {
        return children;
    }

    public String getSleepChart() {
        return sleepChart;
    }

    public String getUsername() {
        return username;
    }
}
