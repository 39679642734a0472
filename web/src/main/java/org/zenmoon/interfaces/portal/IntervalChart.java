package org.zenmoon.interfaces.portal;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * Estimates with their 95% intervals as a Chart.js configuration for p:chart: one horizontal row per estimate, the
 * interval a floating bar and the estimate a point on it (the forest plot of "What works", the A/B report's 👍 rates).
 */
final class IntervalChart {

    /** One row: its label, its interval, its estimate and the bar's colour. */
    record Row(String label, double low, double high, double estimate, String colour) {}

    private IntervalChart() {}

    /**
     * @param x the value axis (its title, and its range if fixed)
     * @return the chart as JSON, or null when there is no row to draw
     */
    static String of(List<Row> rows, String intervalLabel, String estimateLabel, JsonObjectBuilder x) {
        if (rows.isEmpty()) {
            return null;
        }
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder intervals = Json.createArrayBuilder();
        JsonArrayBuilder colours = Json.createArrayBuilder();
        JsonArrayBuilder estimates = Json.createArrayBuilder();
        for (Row r : rows) {
            labels.add(r.label());
            intervals.add(Json.createArrayBuilder().add(r.low()).add(r.high()));
            colours.add(r.colour());
            estimates.add(r.estimate());
        }
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", labels)
                                .add(
                                        "datasets",
                                        Json.createArrayBuilder()
                                                .add(Json.createObjectBuilder()
                                                        .add("label", intervalLabel)
                                                        .add("data", intervals)
                                                        .add("backgroundColor", colours)
                                                        .add("barThickness", 12))
                                                .add(Json.createObjectBuilder()
                                                        .add("type", "line")
                                                        .add("label", estimateLabel)
                                                        .add("data", estimates)
                                                        .add("showLine", false)
                                                        .add("pointStyle", "rectRot")
                                                        .add("pointRadius", 6)
                                                        .add("borderColor", "#1d2433")
                                                        .add("backgroundColor", "#1d2433"))))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("indexAxis", "y")
                                .add("responsive", true)
                                .add("maintainAspectRatio", false)
                                .add("animation", false)
                                .add("scales", Json.createObjectBuilder().add("x", x)))
                .build()
                .toString();
    }
}
