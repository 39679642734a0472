package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.cohort.NightlySleep;

/** The sleep chart is the cohort's nights, in order, rounded for reading. */
class CohortPageTest {

    @Test
    void chartHasOnePointPerNightInHours() {
        String json = CohortPage.chartJson(List.of(
                new NightlySleep(LocalDate.of(2026, 3, 1), 9.4567, 15),
                new NightlySleep(LocalDate.of(2026, 3, 2), 8.0, 14)));
        JsonObject chart = Json.createReader(new StringReader(json)).readObject();
        assertThat(chart.getString("type")).isEqualTo("line");
        JsonObject data = chart.getJsonObject("data");
        assertThat(data.getJsonArray("labels").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString)
                .containsExactly("2026-03-01", "2026-03-02");
        var hours = data.getJsonArray("datasets").getJsonObject(0).getJsonArray("data");
        assertThat(hours.getJsonNumber(0).doubleValue()).isEqualTo(9.46);
        assertThat(hours.getJsonNumber(1).doubleValue()).isEqualTo(8.0);
    }

    @Test
    void aCohortWithoutNightsGivesAnEmptyChart() {
        JsonObject chart = Json.createReader(new StringReader(CohortPage.chartJson(List.of())))
                .readObject();
        assertThat(chart.getJsonObject("data").getJsonArray("labels")).isEmpty();
    }
}
