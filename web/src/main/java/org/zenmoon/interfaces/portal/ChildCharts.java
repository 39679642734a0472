package org.zenmoon.interfaces.portal;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Episode;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Event;
import org.zenmoon.domain.model.epoch.EpochRecord;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;

/**
 * Chart.js configurations (PrimeFaces' {@code p:chart}) for a child's page: the timeline of hourly means with its
 * sleep, events and recommendations marked, zoomable along time; and a forecast with its 80% and 95% bands. An hour
 * without a value is a gap, never a zero.
 */
final class ChildCharts {

    /** An hour's label in the tenant's zone (minutes too, for a zone half an hour off UTC's hours). */
    static DateTimeFormatter hour(ZoneId zone) {
        return DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ENGLISH).withZone(zone);
    }

    private static DateTimeFormatter night(ZoneId zone) {
        return DateTimeFormatter.ofPattern("EEE MM-dd", Locale.ENGLISH).withZone(zone);
    }

    /** Where the markers sit on the 0..1 stress axis, above the stress line. */
    static final double EVENT_Y = 1.08;

    static final double RECOMMENDATION_Y = 1.16;

    private ChildCharts() {}

    /** The hourly means of one measure and the hours asleep, from {@code from} (an hour) for {@code hours} hours. */
    record Hourly(
            String[] labels, Double[] hr, Double[] stress, Double[] eda, Double[] activity, boolean[] mostlyAsleep) {}

    static Hourly hourly(List<EpochRecord> epochs, Instant from, int hours, ZoneId zone) {
        double[][] sum = new double[4][hours];
        int[][] count = new int[4][hours];
        int[] asleep = new int[hours];
        int[] staged = new int[hours];
        for (EpochRecord e : epochs) {
            // Before the start, HOURS.between rounds toward zero: a minute before would count as the first hour.
            long i = e.t().isBefore(from) ? -1 : ChronoUnit.HOURS.between(from, e.t());
            if (i < 0 || i >= hours) {
                continue;
            }
            add(sum, count, 0, (int) i, e.hr());
            add(sum, count, 1, (int) i, e.stress());
            add(sum, count, 2, (int) i, e.eda());
            add(
                    sum,
                    count,
                    3,
                    (int) i,
                    e.activity() == null ? null : e.activity().floatValue());
            if ("SLEEP".equals(e.sleep())) {
                asleep[(int) i]++;
                staged[(int) i]++;
            } else if ("WAKE".equals(e.sleep())) {
                staged[(int) i]++;
            }
        }
        String[] labels = new String[hours];
        DateTimeFormatter hour = hour(zone);
        for (int i = 0; i < hours; i++) {
            labels[i] = hour.format(from.plus(i, ChronoUnit.HOURS));
        }
        boolean[] mostlyAsleep = new boolean[hours];
        for (int i = 0; i < hours; i++) {
            mostlyAsleep[i] = staged[i] > 0 && 2 * asleep[i] > staged[i];
        }
        return new Hourly(
                labels,
                mean(sum[0], count[0]),
                mean(sum[1], count[1]),
                mean(sum[2], count[2]),
                mean(sum[3], count[3]),
                mostlyAsleep);
    }

    private static void add(double[][] sum, int[][] count, int measure, int hour, Float value) {
        if (value != null && Float.isFinite(value)) {
            sum[measure][hour] += value;
            count[measure][hour]++;
        }
    }

    private static Double[] mean(double[] sum, int[] count) {
        Double[] m = new Double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            m[i] = count[i] == 0 ? null : sum[i] / count[i];
        }
        return m;
    }

    /**
     * 1 in the hours a stored sleep episode covers (any minute of it) or whose minutes the wearable mostly staged as
     * sleep, else a gap: episodes exist once the sleep-detection job has run, the wearable's stages from the upload.
     */
    static Double[] asleep(List<Episode> episodes, Hourly h, Instant from, int hours) {
        Double[] a = new Double[hours];
        for (int i = 0; i < hours; i++) {
            if (h.mostlyAsleep()[i]) {
                a[i] = 1.0;
            }
        }
        for (Episode e : episodes) {
            if (!e.wake().isAfter(from)) {
                continue;
            }
            int first = e.onset().isBefore(from) ? 0 : (int) ChronoUnit.HOURS.between(from, e.onset());
            int last = (int)
                    Math.min(hours - 1, ChronoUnit.HOURS.between(from, e.wake().minusNanos(1)));
            for (int i = first; i <= last; i++) {
                a[i] = 1.0;
            }
        }
        return a;
    }

    /** The marker's height in the hours that hold one of these times, else a gap. */
    static Double[] markers(List<Instant> times, Instant from, int hours, double y) {
        Double[] m = new Double[hours];
        for (Instant t : times) {
            long i = ChronoUnit.HOURS.between(from, t);
            if (!t.isBefore(from) && i < hours) {
                m[(int) i] = y;
            }
        }
        return m;
    }

    static String timeline(
            Hourly h,
            Double[] asleep,
            List<Event> events,
            List<Instant> interventions,
            List<StoredRecommendation> recommendations,
            Instant from,
            int hours,
            ZoneId zone) {
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(line("Heart rate (bpm)", h.hr(), "#b3261e", "y"))
                .add(line("Stress (0–1)", h.stress(), "#3b5ba5", "y1"))
                .add(Json.createObjectBuilder()
                        // Bars, so that each asleep hour is shaded whole, a single one too.
                        .add("type", "bar")
                        .add("label", "Asleep")
                        .add("data", numbers(asleep))
                        .add("yAxisID", "y1")
                        .add("barPercentage", 1.0)
                        .add("categoryPercentage", 1.0)
                        .add("backgroundColor", "rgba(92, 84, 160, 0.18)"))
                .add(marker(
                        "School and child events",
                        // An event begun before the window and going on in it is marked at the window's start.
                        markers(
                                events.stream()
                                        .map(e -> e.start().isBefore(from) ? from : e.start())
                                        .toList(),
                                from,
                                hours,
                                EVENT_Y),
                        "triangle",
                        "#8a5a00"))
                .add(marker(
                        "Interventions logged by staff",
                        markers(interventions, from, hours, EVENT_Y),
                        "rectRot",
                        "#6a1b9a"))
                .add(marker(
                        "Recommendations found helpful",
                        markers(answered(recommendations, Boolean.TRUE), from, hours, RECOMMENDATION_Y),
                        "star",
                        "#1f5f2a"))
                .add(marker(
                        "Recommendations found not helpful",
                        markers(answered(recommendations, Boolean.FALSE), from, hours, RECOMMENDATION_Y),
                        "crossRot",
                        "#8f1d1d"))
                .add(marker(
                        "Recommendations, not answered",
                        markers(answered(recommendations, null), from, hours, RECOMMENDATION_Y),
                        "circle",
                        "#5b6475"));
        JsonObjectBuilder scales = Json.createObjectBuilder()
                .add("x", titled(hourAxis(zone)))
                .add("y", axis("left", "bpm", null, null))
                .add(
                        "y1",
                        axis("right", "stress, asleep", 0.0, 1.2)
                                .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false)));
        return chart("line", h.labels(), datasets, scales, true);
    }

    /** The hour axis's title, naming the zone its hours are in. */
    static String hourAxis(ZoneId zone) {
        return "hour (" + zone.getId() + ")";
    }

    static String physiology(Hourly h, ZoneId zone) {
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(line("EDA (µS)", h.eda(), "#00796b", "y"))
                .add(line("Activity (mg)", h.activity(), "#6d4c41", "y1"));
        JsonObjectBuilder scales = Json.createObjectBuilder()
                .add("x", titled(hourAxis(zone)))
                .add("y", axis("left", "µS", null, null))
                .add(
                        "y1",
                        axis("right", "mg", null, null)
                                .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false)));
        return chart("line", h.labels(), datasets, scales, true);
    }

    private static List<Instant> answered(List<StoredRecommendation> recommendations, Boolean helpful) {
        return recommendations.stream()
                .filter(r -> helpful == null ? r.helpful() == null : helpful.equals(r.helpful()))
                .map(StoredRecommendation::createdAt)
                .toList();
    }

    /**
     * A forecast (API.md's shape) as a chart: the mean, the 80% band inside the 95% band; null when there are no
     * points to draw.
     */
    static String forecast(JsonObject forecast, String unit, ZoneId zone) {
        if (!"ok".equals(forecast.getString("status", "ok")) || !forecast.containsKey("points")) {
            return null;
        }
        JsonArray points = forecast.getJsonArray("points");
        if (points.isEmpty()) {
            return null;
        }
        boolean nightly = "sleep".equals(forecast.getString("metric", ""));
        int n = points.size();
        String[] labels = new String[n];
        Double[][] v = new Double[5][n];
        String[] keys = {"lo95", "hi95", "lo80", "hi80", "mean"};
        for (int i = 0; i < n; i++) {
            JsonObject p = points.getJsonObject(i);
            Instant t = Instant.parse(p.getString("t"));
            labels[i] = nightly ? night(zone).format(t) : hour(zone).format(t);
            for (int k = 0; k < keys.length; k++) {
                JsonValue x = p.get(keys[k]);
                v[k][i] = x instanceof jakarta.json.JsonNumber num ? num.doubleValue() : null;
            }
        }
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(band("95% interval (low)", v[0], "rgba(59, 91, 165, 0)", false))
                .add(band("95% interval", v[1], "rgba(59, 91, 165, 0.15)", true))
                .add(band("80% interval (low)", v[2], "rgba(59, 91, 165, 0)", false))
                .add(band("80% interval", v[3], "rgba(59, 91, 165, 0.30)", true))
                .add(line("Forecast (" + unit + ")", v[4], "#1f2f57", "y"));
        JsonObjectBuilder scales = Json.createObjectBuilder().add("y", axis("left", unit, null, null));
        return chart("line", labels, datasets, scales, false);
    }

    private static JsonObjectBuilder band(String label, Double[] data, String fill, boolean fillsToPrevious) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("label", label)
                .add("data", numbers(data))
                .add("borderWidth", 0)
                .add("pointRadius", 0)
                .add("backgroundColor", fill);
        return fillsToPrevious ? b.add("fill", "-1") : b.add("fill", false);
    }

    private static JsonObjectBuilder line(String label, Double[] data, String color, String axis) {
        return Json.createObjectBuilder()
                .add("label", label)
                .add("data", numbers(data))
                .add("borderColor", color)
                .add("backgroundColor", color)
                .add("yAxisID", axis)
                // A point shows an hour that has a value between two gaps, which a line alone would not draw.
                .add("pointRadius", 1.5)
                .add("borderWidth", 1.5)
                .add("spanGaps", false)
                .add("fill", false);
    }

    private static JsonObjectBuilder marker(String label, Double[] data, String style, String color) {
        return Json.createObjectBuilder()
                .add("label", label)
                .add("data", numbers(data))
                .add("yAxisID", "y1")
                .add("showLine", false)
                .add("pointStyle", style)
                .add("pointRadius", 7)
                .add("borderColor", color)
                .add("backgroundColor", color);
    }

    /** An axis with its title shown. */
    static JsonObjectBuilder titled(String title) {
        return Json.createObjectBuilder()
                .add("title", Json.createObjectBuilder().add("display", true).add("text", title));
    }

    private static JsonObjectBuilder axis(String position, String title, Double min, Double max) {
        JsonObjectBuilder a = titled(title).add("position", position);
        if (min != null) {
            a.add("min", min);
        }
        if (max != null) {
            a.add("max", max);
        }
        return a;
    }

    private static JsonArrayBuilder numbers(Double[] values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (Double v : values) {
            if (v == null || !Double.isFinite(v)) {
                a.addNull();
            } else {
                a.add(Math.round(v * 1000) / 1000.0);
            }
        }
        return a;
    }

    private static String chart(
            String type, String[] labels, JsonArrayBuilder datasets, JsonObjectBuilder scales, boolean zoomable) {
        JsonArrayBuilder l = Json.createArrayBuilder();
        for (String s : labels) {
            l.add(s);
        }
        JsonObjectBuilder plugins = Json.createObjectBuilder()
                .add("legend", Json.createObjectBuilder().add("position", "bottom"));
        if (zoomable) {
            plugins.add(
                    "zoom",
                    Json.createObjectBuilder()
                            .add(
                                    "zoom",
                                    Json.createObjectBuilder()
                                            .add(
                                                    "wheel",
                                                    Json.createObjectBuilder().add("enabled", true))
                                            .add(
                                                    "pinch",
                                                    Json.createObjectBuilder().add("enabled", true))
                                            .add("mode", "x"))
                            .add(
                                    "pan",
                                    Json.createObjectBuilder()
                                            .add("enabled", true)
                                            .add("mode", "x")));
        }
        return Json.createObjectBuilder()
                .add("type", type)
                .add("data", Json.createObjectBuilder().add("labels", l).add("datasets", datasets))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("responsive", true)
                                .add("maintainAspectRatio", false)
                                .add("animation", false)
                                .add(
                                        "interaction",
                                        Json.createObjectBuilder()
                                                .add("mode", "index")
                                                .add("intersect", false))
                                .add("scales", scales)
                                .add("plugins", plugins))
                .build()
                .toString();
    }

    /** The first hour of the timeline: {@code days} days before the hour after {@code now}. */
    static Instant start(Instant now, int days) {
        return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).minus(Duration.ofDays(days));
    }
}
