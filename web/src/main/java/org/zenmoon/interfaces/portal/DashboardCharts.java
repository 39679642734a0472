package org.zenmoon.interfaces.portal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import org.zenmoon.domain.model.cohort.DailyStress;
import org.zenmoon.domain.model.cohort.NightlySleep;

/** The dashboard's charts as Chart.js configurations for PrimeFaces' p:chart, labelled in the portal's words. */
final class DashboardCharts {

    private static final String BLUE = "#3b5ba5";
    private static final String RED = "#b5473a";
    /** Early bird, intermediate, night owl, not known. */
    private static final List<String> MIX_COLOURS = List.of("#e0a526", "#5b8c5a", "#3b5ba5", "#a3a9b5");

    private DashboardCharts() {}

    /** Mean hours asleep per child, night by night. */
    static String sleep(List<NightlySleep> nights, PortalWords words) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder hours = Json.createArrayBuilder();
        for (NightlySleep n : nights) {
            labels.add(n.night().toString());
            hours.add(round(n.meanSleepHours(), 100));
        }
        return line(labels, hours, words.text("chart.sleep.series"), BLUE, words.text("chart.sleep.axis"), null);
    }

    /** The cohort's mean stress day by day, on the scale's whole range (0 to 1). */
    static String stress(List<DailyStress> days, PortalWords words) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder means = Json.createArrayBuilder();
        for (DailyStress d : days) {
            labels.add(d.day().toString());
            means.add(round(d.meanStress(), 1000));
        }
        return line(labels, means, words.text("chart.stress.series"), RED, words.text("chart.stress.axis"), 1.0);
    }

    /** How many children have each chronotype, {@code mix} keyed by code (the summary's), labelled in words. */
    static String chronotypeMix(Map<String, Integer> mix, PortalWords words) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder counts = Json.createArrayBuilder();
        JsonArrayBuilder colours = Json.createArrayBuilder();
        int i = 0;
        for (Map.Entry<String, Integer> e : mix.entrySet()) {
            labels.add(words.chronotype(e.getKey()));
            counts.add(e.getValue());
            colours.add(MIX_COLOURS.get(Math.min(i++, MIX_COLOURS.size() - 1)));
        }
        return Json.createObjectBuilder()
                .add("type", "doughnut")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", labels)
                                .add(
                                        "datasets",
                                        Json.createArrayBuilder()
                                                .add(Json.createObjectBuilder()
                                                        .add("data", counts)
                                                        .add("backgroundColor", colours))))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("responsive", true)
                                .add("maintainAspectRatio", false)
                                .add(
                                        "plugins",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "legend",
                                                        Json.createObjectBuilder()
                                                                .add("position", "bottom"))))
                .build()
                .toString();
    }

    private static String line(
            JsonArrayBuilder labels, JsonArrayBuilder values, String series, String colour, String axis, Double max) {
        JsonObjectBuilder y = Json.createObjectBuilder()
                .add("title", Json.createObjectBuilder().add("display", true).add("text", axis));
        if (max != null) {
            y.add("min", 0).add("max", max);
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
                                                        .add("label", series)
                                                        .add("data", values)
                                                        .add("borderColor", colour)
                                                        .add("tension", 0.2)
                                                        .add("fill", false))))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("responsive", true)
                                .add("maintainAspectRatio", false)
                                .add("scales", Json.createObjectBuilder().add("y", y)))
                .build()
                .toString();
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
