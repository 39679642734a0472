package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.TenantZone;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Episode;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Event;
import org.zenmoon.domain.model.epoch.EpochRecord;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;

class ChildChartsTest {

    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

    static EpochRecord minute(String t, Float hr, Float stress) {
        return staged(t, hr, stress, null);
    }

    static EpochRecord staged(String t, Float hr, Float stress, String sleep) {
        return new EpochRecord(Instant.parse(t), hr, null, 2.5f, 40, stress, sleep, 1f, null, true, null, "d1");
    }

    static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    static JsonArray data(JsonObject chart, String label) {
        return chart.getJsonObject("data").getJsonArray("datasets").getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("label").equals(label))
                .findFirst()
                .orElseThrow()
                .getJsonArray("data");
    }

    @Test
    void anHourWithoutMinutesIsAGapNotAZero() {
        ChildCharts.Hourly h = ChildCharts.hourly(
                List.of(
                        minute("2026-12-01T00:10:00Z", 80f, 0.2f),
                        minute("2026-12-01T00:50:00Z", 90f, null),
                        minute("2026-12-01T02:00:00Z", 70f, 0.6f),
                        minute("2026-11-30T23:59:00Z", 200f, 1f)),
                FROM,
                3,
                TenantZone.UTC);
        assertThat(h.labels()).containsExactly("12-01 00:00", "12-01 01:00", "12-01 02:00");
        // The same hours in a New York school's portal: its local hours, the day before.
        assertThat(ChildCharts.hourly(List.of(), FROM, 3, java.time.ZoneId.of("America/New_York"))
                        .labels())
                .containsExactly("11-30 19:00", "11-30 20:00", "11-30 21:00");
        // Half an hour off UTC's hours: the label says so rather than round it.
        assertThat(ChildCharts.hourly(List.of(), FROM, 1, java.time.ZoneId.of("Asia/Kolkata"))
                        .labels())
                .containsExactly("12-01 05:30");
        assertThat(h.hr()).containsExactly(85.0, null, 70.0);
        assertThat(h.stress()[0]).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(h.stress()[1]).as("an hour whose one minute has no stress").isNull();
        assertThat(h.stress()[2]).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theTimelineMarksSleepEventsAndAnsweredRecommendationsInTheirHours() {
        // Hour 5: two of three staged minutes asleep (no episode stored for it yet).
        ChildCharts.Hourly h = ChildCharts.hourly(
                List.of(
                        minute("2026-12-01T00:10:00Z", 80f, 0.2f),
                        staged("2026-12-01T05:01:00Z", 60f, 0.1f, "SLEEP"),
                        staged("2026-12-01T05:02:00Z", 60f, 0.1f, "SLEEP"),
                        staged("2026-12-01T05:03:00Z", 60f, 0.1f, "WAKE"),
                        staged("2026-12-01T03:03:00Z", 60f, 0.1f, "WAKE")),
                FROM,
                6,
                TenantZone.UTC);
        Double[] asleep = ChildCharts.asleep(
                List.of(new Episode(
                        "e1", Instant.parse("2026-11-30T21:00:00Z"), Instant.parse("2026-12-01T02:00:00Z"), "d")),
                h,
                FROM,
                6);
        List<Event> events =
                List.of(new Event("ev1", "cohort", "exam", Instant.parse("2026-12-01T04:30:00Z"), null, "school"));
        List<StoredRecommendation> recs = List.of(new StoredRecommendation(
                "r1",
                "c1",
                "box_breathing",
                "Try box breathing",
                null,
                List.of(),
                "v1",
                "A",
                Instant.parse("2026-12-01T03:05:00Z"),
                Boolean.TRUE,
                null,
                null));
        List<Instant> interventions = List.of(Instant.parse("2026-12-01T01:40:00Z"));
        JsonObject chart = json(ChildCharts.timeline(h, asleep, events, interventions, recs, FROM, 6, TenantZone.UTC));
        assertThat(data(chart, "Asleep").toString()).isEqualTo("[1.0,1.0,null,null,null,1.0]");
        assertThat(data(chart, "School and child events").toString())
                .isEqualTo("[null,null,null,null," + ChildCharts.EVENT_Y + ",null]");
        assertThat(data(chart, "Interventions logged by staff").toString())
                .isEqualTo("[null," + ChildCharts.EVENT_Y + ",null,null,null,null]");
        assertThat(data(chart, "Recommendations found helpful").toString())
                .isEqualTo("[null,null,null," + ChildCharts.RECOMMENDATION_Y + ",null,null]");
        assertThat(data(chart, "Recommendations found not helpful").toString())
                .isEqualTo("[null,null,null,null,null,null]");
        assertThat(chart.getJsonObject("options")
                        .getJsonObject("plugins")
                        .getJsonObject("zoom")
                        .getJsonObject("zoom")
                        .getString("mode"))
                .isEqualTo("x");
    }

    @Test
    void anEventBegunBeforeTheWindowAndGoingOnInItIsMarkedAtTheWindowsStart() {
        ChildCharts.Hourly h =
                ChildCharts.hourly(List.of(minute("2026-12-01T00:10:00Z", 80f, 0.2f)), FROM, 6, TenantZone.UTC);
        List<Event> events = List.of(new Event(
                "ev1",
                "cohort",
                "school_trip",
                FROM.minus(java.time.Duration.ofDays(8)),
                FROM.plus(java.time.Duration.ofHours(3)),
                "manual"));
        JsonObject chart =
                json(ChildCharts.timeline(h, new Double[6], events, List.of(), List.of(), FROM, 6, TenantZone.UTC));
        assertThat(data(chart, "School and child events").toString())
                .isEqualTo("[" + ChildCharts.EVENT_Y + ",null,null,null,null,null]");
    }

    @Test
    void aForecastDrawsItsMeanInsideThe80InsideThe95Band() {
        JsonObject f = json(
                "{\"metric\":\"sleep\",\"status\":\"ok\",\"model\":\"ets\",\"points\":["
                        + "{\"t\":\"2026-12-03T00:00:00Z\",\"mean\":9.1,\"lo80\":8.5,\"hi80\":9.7,\"lo95\":8.2,\"hi95\":10.0},"
                        + "{\"t\":\"2026-12-04T00:00:00Z\",\"mean\":9.0,\"lo80\":8.3,\"hi80\":9.8,\"lo95\":7.9,\"hi95\":10.1}]}");
        JsonObject chart = json(ChildCharts.forecast(f, "hours asleep", TenantZone.UTC));
        assertThat(chart.getJsonObject("data").getJsonArray("labels").getString(0))
                .isEqualTo("Thu 12-03");
        assertThat(data(chart, "95% interval").getJsonNumber(1).doubleValue()).isEqualTo(10.1);
        assertThat(data(chart, "80% interval (low)").getJsonNumber(0).doubleValue())
                .isEqualTo(8.5);
        assertThat(data(chart, "Forecast (hours asleep)").getJsonNumber(0).doubleValue())
                .isEqualTo(9.1);
    }

    @Test
    void noForecastChartWithoutPointsAndTheNoteSaysWhy() {
        JsonObject none = json("{\"metric\":\"stress\",\"status\":\"not_computed\",\"reason\":\"x\"}");
        assertThat(ChildCharts.forecast(none, "stress", TenantZone.UTC)).isNull();
        assertThat(ChildPage.forecastNote(none, TenantZone.UTC)).startsWith("Not computed yet");
        JsonObject short_ =
                json("{\"metric\":\"sleep\",\"status\":\"insufficient_data\",\"reason\":\"5 nights of 14\"}");
        assertThat(ChildCharts.forecast(short_, "h", TenantZone.UTC)).isNull();
        assertThat(ChildPage.forecastNote(short_, TenantZone.UTC)).isEqualTo("Insufficient data: 5 nights of 14.");
    }

    @Test
    void codesReadAsWords() {
        assertThat(ChildPage.words("early_bird")).isEqualTo("Early bird");
        assertThat(ChildPage.words("exam-week")).isEqualTo("Exam week");
    }
}
