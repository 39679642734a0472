package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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

    /** The training values of series {@code index} (0-based) at time {@code t}. */
    interface TrainValues {
        double at(int t, int index);
    }

    /** M4 wide files of series H1, H2, ...: rows of different lengths padded with empty cells, as the real files are. */
    Path[] m4Files(int series) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int id = 1; id <= series; id++) {
            ids.add("H" + id);
        }
        return m4Files(ids, (t, i) -> value(t, i + 1));
    }

    /**
     * M4 wide files with these ids (quoted); series i has 864 - 24 i training values and 48 test values that go on
     * with {@link #value} where the training values end.
     */
    Path[] m4Files(List<String> ids, TrainValues trainValues) throws Exception {
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
        for (int i = 0; i < ids.size(); i++) {
            int n = longest - i * 24;
            String quoted = '"' + ids.get(i).replace("\"", "\"\"") + '"';
            train.append(quoted);
            for (int t = 0; t < longest; t++) {
                train.append(',').append(t < n ? String.format(Locale.ROOT, "%.3f", trainValues.at(t, i)) : "");
            }
            train.append('\n');
            test.append(quoted);
            for (int t = n; t < n + 48; t++) {
                test.append(',').append(String.format(Locale.ROOT, "%.3f", value(t, i + 1)));
            }
            test.append('\n');
        }
        Path tr = dir.resolve("train.csv");
        Path te = dir.resolve("test.csv");
        Files.writeString(tr, train);
        Files.writeString(te, test);
        return new Path[] {tr, te};
    }

    /** A measure of the JSON output, at a path of keys; it must be a finite number. */
    static double metric(JsonObject j, String... keys) {
        JsonObject o = j;
        for (int i = 0; i < keys.length - 1; i++) {
            o = o.getJsonObject(keys[i]);
        }
        double v = o.getJsonNumber(keys[keys.length - 1]).doubleValue();
        assertThat(Double.isFinite(v)).as(String.join(".", keys) + " = " + v).isTrue();
        return v;
    }

    /** Every measure of the JSON output: finite, and in range. */
    static void assertMeasures(JsonObject j, int series) {
        assertThat(metric(j, "smape")).isPositive().isLessThan(metric(j, "snaive", "smape"));
        assertThat(metric(j, "mase")).isPositive();
        assertThat(metric(j, "owa")).isPositive();
        assertThat(metric(j, "snaive", "owa")).isPositive();
        assertThat(metric(j, "msis")).isPositive();
        assertThat(metric(j, "coverage95")).isBetween(0.0, 1.0);
        assertThat(metric(j, "coverage80")).isBetween(0.0, metric(j, "coverage95"));
        assertThat(metric(j, "naive2", "smape")).isPositive();
        assertThat(metric(j, "naive2", "mase")).isPositive();
        assertThat(metric(j, "snaive", "mase")).isPositive();
        assertThat(j.getInt("series")).isEqualTo(series);
        assertThat(j.getInt("evaluated")).isEqualTo(series);
        assertThat(j.getInt("insufficientHistory")).isZero();
        assertThat(j.getInt("horizon")).isEqualTo(48);
        assertThat(j.getInt("season")).isEqualTo(24);
        assertThat(j.getJsonObject("models").values().stream()
                        .mapToInt(v -> ((JsonNumber) v).intValue())
                        .sum())
                .isEqualTo(series);
    }

    ToolRun m4WithTest(Path[] f, Path out) {
        return run(
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
    }

    @Test
    void m4WithTestPrintsTheM4MeasuresAndWritesForecastsWithIntervals() throws Exception {
        Path[] f = m4Files(3);
        Path out = dir.resolve("forecasts.csv");
        ToolRun r = m4WithTest(f, out);
        assertThat(r.code()).as(r.err()).isZero();
        assertMeasures(r.json(), 3);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,step,mean,lo80,hi80,lo95,hi95,model");
        assertThat(lines).hasSize(1 + 3 * 48);
        assertThat(lines.get(1)).startsWith("H1,1,");
    }

    @Test
    void idsWithACommaOrAQuoteSurviveTheForecastsCsv() throws Exception {
        List<String> ids = List.of("H,1", "H \"2\"", "H3");
        Path[] f = m4Files(ids, (t, i) -> value(t, i + 1));
        Path out = dir.resolve("forecasts.csv");
        ToolRun r = m4WithTest(f, out);
        assertThat(r.code()).as(r.err()).isZero();
        assertMeasures(r.json(), 3);
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(out, StandardCharsets.UTF_8, CSVFormat.DEFAULT)) {
            rows = p.getRecords();
        }
        assertThat(rows)
                .hasSize(1 + 3 * 48)
                .allSatisfy(row -> assertThat(row.size()).isEqualTo(8));
        assertThat(rows.get(0).toList()).containsExactly("id", "step", "mean", "lo80", "hi80", "lo95", "hi95", "model");
        assertThat(rows.stream().skip(1).map(row -> row.get(0)).distinct()).containsExactlyElementsOf(ids);
        assertThat(rows.get(1).get(1)).isEqualTo("1");
        assertThat(Double.isFinite(Double.parseDouble(rows.get(1).get(2)))).isTrue();
        assertThat(Files.readAllLines(out).get(1)).startsWith("\"H,1\",1,");
    }

    @Test
    void aSeriesWhoseMaseScaleIsZeroExitsTwoNamingItsLine() throws Exception {
        // H2's training values repeat exactly every 24 steps: the in-sample seasonal naive error, MASE's scale, is 0
        Path[] f = m4Files(List.of("H1", "H2", "H3"), (t, i) -> i == 1 ? value(t % 24, 2) : value(t, i + 1));
        Path out = dir.resolve("forecasts.csv");
        ToolRun r = m4WithTest(f, out);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith(f[0] + ":3: series H2: ")
                        .contains("MASE")
                        .contains("repeats exactly every 24 steps"));
        assertThat(out).doesNotExist();
    }

    @Test
    void noSeriesWithEnoughHistoryToScoreExitsTwo() throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        Files.writeString(train, "V1,V2,V3,V4\nH1,1,2,3\n");
        Files.writeString(test, "V1,V2,V3\nH1,4,5\n");
        ToolRun r =
                run("forecast", "--m4", train.toString(), "--test", test.toString(), "--horizon", "2", "--season", "1");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines())
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith(train + ":0: no series has enough history"));
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
        ToolRun r = stressForecast(file);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(25);
        assertThat(lines.get(1)).startsWith(t0.plusSeconds(3600L * 4 * 168) + ",1,");
    }

    /** {@code forecast --series} of a file's hourly stress column, 24 hours ahead. */
    ToolRun stressForecast(Path file) {
        return run(
                "forecast",
                "--series",
                file.toString(),
                "--time-col",
                "time",
                "--value-col",
                "stress",
                "--horizon",
                "24");
    }

    @Test
    void tooShortASeriesIsReportedNotGuessed() throws Exception {
        Path file = dir.resolve("short.csv");
        Files.writeString(
                file, "time,stress\n2024-01-01T00:00:00Z,3\n2024-01-01T01:00:00Z,4\n2024-01-01T02:00:00Z,5\n");
        ToolRun r = stressForecast(file);
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList())
                .hasSize(2)
                .element(1)
                .asString()
                .startsWith(",,,,,,,insufficient_history (3 of ");
    }

    @Test
    void aMissingTimeColumnExitsTwo() throws Exception {
        Path file = dir.resolve("s.csv");
        Files.writeString(file, "when,stress\n2024-01-01T00:00:00Z,3\n");
        ToolRun r = stressForecast(file);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith(file + ":1:time:");
    }
}
