package org.zenmoon.batch.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.batch.cli.AnalyticsTool;

/**
 * The forecast command on all 414 M4 Hourly series, horizon 48, against issue #5's acceptance figures; prints the
 * measured table for docs/analyses/forecast.md. Run from batch/ with -Dzenmoon.shared.data=... if elsewhere.
 */
class ForecastAccuracyCheck {

    private static JsonObject result;

    private static Path m4(String file) {
        return Path.of(System.getProperty("zenmoon.shared.data", "../../shared/data"), "m4", file);
    }

    @BeforeAll
    static void runWholeM4Hourly() throws Exception {
        assertThat(m4("Hourly-train.csv"))
                .as("M4 Hourly data (set -Dzenmoon.shared.data)")
                .isRegularFile();
        Path out = Files.createTempFile("m4-hourly-forecasts", ".csv");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = new AnalyticsTool()
                .run(
                        new String[] {
                            "forecast",
                            "--m4",
                            m4("Hourly-train.csv").toString(),
                            "--test",
                            m4("Hourly-test.csv").toString(),
                            "--horizon",
                            "48",
                            "--season",
                            "24",
                            "--out",
                            out.toString()
                        },
                        new PrintStream(json, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        result = Json.createReader(new StringReader(json.toString(StandardCharsets.UTF_8)))
                .readObject();
        JsonObject n2 = result.getJsonObject("naive2");
        JsonObject sn = result.getJsonObject("snaive");
        System.out.printf(
                """
                M4 Hourly, 414 series, h = 48 (measured | official)
                | method | sMAPE | MASE | OWA |
                |---|---|---|---|
                | Naive2 | %.3f | %.3f | 1.000 | official 18.383 / 2.395
                | sNaive | %.3f | %.3f | %.3f | official 13.912 / 1.193 / 0.627
                | ZenMoon auto | %.3f | %.3f | %.3f |
                95%% interval coverage %.4f, MSIS %.3f; 80%% coverage %.4f
                models chosen: %s
                run time including evaluation: %.1f s
                %n""",
                num(n2, "smape"),
                num(n2, "mase"),
                num(sn, "smape"),
                num(sn, "mase"),
                num(sn, "owa"),
                num(result, "smape"),
                num(result, "mase"),
                num(result, "owa"),
                num(result, "coverage95"),
                num(result, "msis"),
                num(result, "coverage80"),
                result.getJsonObject("models"),
                seconds);
        Files.deleteIfExists(out);
    }

    private static double num(JsonObject o, String key) {
        return o.getJsonNumber(key).doubleValue();
    }

    @Test
    void naive2ReproducesTheOfficialFigures() {
        assertThat(num(result.getJsonObject("naive2"), "smape")).isBetween(18.373, 18.393);
        assertThat(num(result.getJsonObject("naive2"), "mase")).isBetween(2.385, 2.405);
    }

    @Test
    void seasonalNaiveReproducesTheOfficialFigures() {
        assertThat(num(result.getJsonObject("snaive"), "smape")).isBetween(13.902, 13.922);
        assertThat(num(result.getJsonObject("snaive"), "mase")).isBetween(1.183, 1.203);
    }

    @Test
    void automaticConfigurationBeatsSeasonalNaiveOnBothMeasures() {
        assertThat(result.getInt("evaluated")).isEqualTo(414);
        assertThat(num(result, "smape")).isLessThan(13.912);
        assertThat(num(result, "mase")).isLessThan(1.193);
    }

    @Test
    void automaticConfigurationMeetsTheGoal() {
        assertThat(num(result, "smape")).isLessThanOrEqualTo(12.0);
        assertThat(num(result, "mase")).isLessThanOrEqualTo(1.0);
    }

    @Test
    void ninetyFivePercentIntervalsCoverBetween90And98Percent() {
        assertThat(num(result, "coverage95")).isBetween(0.90, 0.98);
    }
}
