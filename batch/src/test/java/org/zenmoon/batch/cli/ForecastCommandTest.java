package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {

    @TempDir
    Path dir;

    ToolRun run(String... args) {
        return ToolRun.of(args);
    }

    /** A daily and weekly rhythm; {@code from} is the first hour. */
    static double value(int t, int id) {
        int hour = t % 24;
        int day = (t / 24) % 7;
        return 20
                + id
                + 10 * Math.sin(2 * Math.PI * hour / 24)
                + (day < 5 && hour > 8 && hour < 16 ? 8 : 0)
                + ((t * 7919L + id * 31L) % 13) / 6.0;
    }

    /** M4 wide files: rows of different lengths padded with empty cells, as the real files are. */
    Path[] m4Files(int series) throws Exception {
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        int longest = 5 * 168 + 24;
        train.append("\"V1\"");
        for (int i = 2; i <= longest + 1; i++) {
            train.append(",\"V").append(i).append('"');
        }
        train.append('\n');
        test.append("\"V1\"");
        for (int i = 2; i <= 49; i++) {
            test.append(",\"V").append(i).append('"');
        }
        test.append('\n');
        for (int id = 1; id <= series; id++) {
            int n = longest - (id - 1) * 24;
            train.append("\"H").append(id).append('"');
            for (int t = 0; t < longest; t++) {
                train.append(',').append(t < n ? String.format(Locale.ROOT, "%.3f", value(t, id)) : "");
            }
            train.append('\n');
            test.append("\"H").append(id).append('"');
            for (int t = n; t < n + 48; t++) {
                test.append(',').append(String.format(Locale.ROOT, "%.3f", value(t, id)));
            }
            test.append('\n');
        }
        Path tr = dir.resolve("train.csv");
        Path te = dir.resolve("test.csv");
        Files.writeString(tr, train);
        Files.writeString(te, test);
        return new Path[] {tr, te};
    }

    @Test
    void m4WithTestPrintsTheM4MeasuresAndWritesForecastsWithIntervals() throws Exception {
        Path[] f = m4Files(3);
        Path out = dir.resolve("forecasts.csv");
        ToolRun r = run(
                "forecast",
                "--m4",
                f[0].toString(),
                "--test",
                f[1].toString(),
                "--horizon",
                "48",
                "--season",
                "24",
                "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject j = Json.createReader(new StringReader(r.out())).readObject();
        assertThat(j.getJsonNumber("smape").doubleValue())
                .isPositive()
                .isLessThan(j.getJsonObject("snaive").getJsonNumber("smape").doubleValue());
        assertThat(j.containsKey("mase")).isTrue();
        assertThat(j.containsKey("owa")).isTrue();
        assertThat(j.containsKey("msis")).isTrue();
        assertThat(j.getJsonNumber("coverage95").doubleValue()).isBetween(0.0, 1.0);
        assertThat(j.getInt("evaluated")).isEqualTo(3);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,step,mean,lo80,hi80,lo95,hi95,model");
        assertThat(lines).hasSize(1 + 3 * 48);
        assertThat(lines.get(1)).startsWith("H1,1,");
    }

    @Test
    void aBadValueExitsTwoNamingFileLineAndColumn() throws Exception {
        Path[] f = m4Files(2);
        String text = Files.readString(f[0]);
        int secondRow = text.indexOf("\"H2\"");
        int cell = text.indexOf(',', secondRow) + 1;
        Files.writeString(f[0], text.substring(0, cell) + "abc" + text.substring(text.indexOf(',', cell)));
        ToolRun r = run("forecast", "--m4", f[0].toString(), "--horizon", "48", "--season", "24");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(f[0] + ":3:V2: 'abc' is not a number");
    }

    @Test
    void aSeriesFileWithGapsIsForecastFromItsTimestamps() throws Exception {
        StringBuilder csv = new StringBuilder("time,stress\n");
        java.time.Instant t0 = java.time.Instant.parse("2024-01-01T00:00:00Z");
        for (int t = 0; t < 4 * 168; t++) {
            if (t == 300 || t == 301) {
                continue; // the device was off for two hours
            }
            csv.append(t0.plusSeconds(3600L * t))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.2f", value(t, 0)))
                    .append('\n');
        }
        Path file = dir.resolve("stress.csv");
        Files.writeString(file, csv);
        ToolRun r = run(
                "forecast",
                "--series",
                file.toString(),
                "--time-col",
                "time",
                "--value-col",
                "stress",
                "--horizon",
                "24");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(25);
        assertThat(lines.get(1)).startsWith(t0.plusSeconds(3600L * 4 * 168) + ",1,");
    }

    @Test
    void tooShortASeriesIsReportedNotGuessed() throws Exception {
        Path file = dir.resolve("short.csv");
        Files.writeString(
                file, "time,stress\n2024-01-01T00:00:00Z,3\n2024-01-01T01:00:00Z,4\n2024-01-01T02:00:00Z,5\n");
        ToolRun r = run(
                "forecast",
                "--series",
                file.toString(),
                "--time-col",
                "time",
                "--value-col",
                "stress",
                "--horizon",
                "24");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("insufficient_history");
    }

    @Test
    void aMissingTimeColumnExitsTwo() throws Exception {
        Path file = dir.resolve("s.csv");
        Files.writeString(file, "when,stress\n2024-01-01T00:00:00Z,3\n");
        ToolRun r = run(
                "forecast",
                "--series",
                file.toString(),
                "--time-col",
                "time",
                "--value-col",
                "stress",
                "--horizon",
                "24");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(file + ":1:time:");
    }
}
