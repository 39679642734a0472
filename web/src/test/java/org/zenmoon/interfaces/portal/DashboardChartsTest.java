package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.cohort.DailyStress;
import org.zenmoon.domain.model.cohort.NightlySleep;

/** The dashboard's charts: the cohort's nights, days and chronotype mix, in order, rounded and labelled in words. */
class DashboardChartsTest {

    static final PortalWords WORDS = new PortalWords(Locale.ENGLISH);

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static List<String> labels(JsonObject chart) {
        return chart.getJsonObject("data").getJsonArray("labels").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    static JsonArray values(JsonObject chart) {
        return chart.getJsonObject("data")
                .getJsonArray("datasets")
                .getJsonObject(0)
                .getJsonArray("data");
    }

    @Test
    void theSleepChartHasOnePointPerNightInHours() {
        JsonObject chart = parse(DashboardCharts.sleep(
                List.of(
                        new NightlySleep(LocalDate.of(2026, 3, 1), 9.4567, 15),
                        new NightlySleep(LocalDate.of(2026, 3, 2), 8.0, 14)),
                WORDS));
        assertThat(chart.getString("type")).isEqualTo("line");
        assertThat(labels(chart)).containsExactly("2026-03-01", "2026-03-02");
        assertThat(values(chart).getJsonNumber(0).doubleValue()).isEqualTo(9.46);
        assertThat(values(chart).getJsonNumber(1).doubleValue()).isEqualTo(8.0);
    }

    @Test
    void aCohortWithoutNightsGivesAnEmptyChart() {
        assertThat(labels(parse(DashboardCharts.sleep(List.of(), WORDS)))).isEmpty();
    }

    @Test
    void theStressChartHasOnePointPerDayOnTheWholeScale() {
        JsonObject chart = parse(DashboardCharts.stress(
                List.of(
                        new DailyStress(LocalDate.of(2026, 11, 30), 0.23456, 12),
                        new DailyStress(LocalDate.of(2026, 12, 1), 0.3, 13)),
                WORDS));
        assertThat(chart.getString("type")).isEqualTo("line");
        assertThat(labels(chart)).containsExactly("2026-11-30", "2026-12-01");
        assertThat(values(chart).getJsonNumber(0).doubleValue()).isEqualTo(0.235);
        assertThat(values(chart).getJsonNumber(1).doubleValue()).isEqualTo(0.3);
        JsonObject y = chart.getJsonObject("options").getJsonObject("scales").getJsonObject("y");
        assertThat(y.getInt("min")).isZero();
        assertThat(y.getJsonNumber("max").doubleValue()).isEqualTo(1.0);
        assertThat(chart.getJsonObject("data")
                        .getJsonArray("datasets")
                        .getJsonObject(0)
                        .getString("label"))
                .isEqualTo("Mean stress per child");
    }

    @Test
    void theChronotypeMixIsADoughnutLabelledInWords() {
        Map<String, Integer> mix = new LinkedHashMap<>();
        mix.put("early_bird", 1);
        mix.put("intermediate", 12);
        mix.put("night_owl", 0);
        mix.put("unknown", 2);
        String json = DashboardCharts.chronotypeMix(mix, WORDS);
        JsonObject chart = parse(json);
        assertThat(chart.getString("type")).isEqualTo("doughnut");
        assertThat(labels(chart)).containsExactly("Early bird", "Intermediate", "Night owl", "Not known");
        assertThat(values(chart).getValuesAs(jakarta.json.JsonNumber.class))
                .extracting(jakarta.json.JsonNumber::intValue)
                .containsExactly(1, 12, 0, 2);
        assertThat(json).doesNotContain("early_bird", "night_owl");
    }
}
