package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sleep} subcommand on ActiLife-style files: preamble, 10-s epochs, bad lines. */
class SleepCommandTest {

    @TempDir
    Path dir;

    /** {@code sleep} on a counts file with its time and counts columns and algorithm, and any further options. */
    static ToolRun sleep(Path counts, String timeCol, String countsCol, String algorithm, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "sleep",
                "--counts",
                counts.toString(),
                "--time-col",
                timeCol,
                "--counts-col",
                countsCol,
                "--algorithm",
                algorithm));
        args.addAll(List.of(options));
        return ToolRun.of(args.toArray(String[]::new));
    }

    Path write(String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, lines);
        return f;
    }

    /** Counts per minute: busy until 22:00, still 22:00-06:00 (with a few twitches), busy after. */
    static double minuteCounts(int minute) {
        boolean night = minute >= 120 && minute < 600;
        return night ? (minute % 97 == 0 ? 40 : 0) : 400 + (minute * 37) % 300;
    }

    /** An ActiLife 60-s export with its preamble and separate Date and Time columns, from 20:00. */
    Path actiLifeExport() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "------------ Data File Created By ActiGraph GT3X+ ActiLife v6.13.3 Firmware v2.5.0 date format M/d/yyyy at 30 Hz  Filter Normal -----------",
                "Serial Number: NEO1F00000",
                "Start Time 20:00:00",
                "Start Date 3/2/2026",
                "Epoch Period (hh:mm:ss) 00:01:00",
                "Download Time 08:00:00",
                "Download Date 3/3/2026",
                "Current Memory Address: 0",
                "Current Battery Voltage: 4.16     Mode = 61",
                "--------------------------------------------------",
                "Date,Time,Axis1,Axis2,Axis3"));
        DateTimeFormatter date = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("h:mm a", Locale.ROOT);
        LocalDateTime start = LocalDateTime.of(2026, 3, 2, 20, 0);
        for (int m = 0; m < 720; m++) {
            LocalDateTime t = start.plusMinutes(m);
            lines.add(t.format(date) + "," + t.format(time) + "," + (long) minuteCounts(m) + ",0,0");
        }
        return write("export.csv", lines);
    }

    @Test
    void anActiLifeExportGivesTheNightAsOneSleepPeriod() throws IOException {
        Path epochs = dir.resolve("epochs.csv");
        JsonObject j = sleep(
                        actiLifeExport(), "Date+Time", "Axis1", "sadeh", "--zone", "UTC", "--out", epochs.toString())
                .successJson();
        assertThat(j.getInt("minutes")).isEqualTo(720);
        assertThat(j.getBoolean("aggregatedToMinutes")).isFalse();
        var periods = j.getJsonArray("sleepPeriods");
        assertThat(periods).hasSize(1);
        Instant inBed = Instant.parse(periods.getJsonObject(0).getString("inBedTime"));
        Instant outBed = Instant.parse(periods.getJsonObject(0).getString("outBedTime"));
        assertThat(inBed).isBetween(Instant.parse("2026-03-02T22:00:00Z"), Instant.parse("2026-03-02T22:10:00Z"));
        assertThat(outBed).isBetween(Instant.parse("2026-03-03T05:55:00Z"), Instant.parse("2026-03-03T06:05:00Z"));
        List<String> csv = Files.readAllLines(epochs);
        assertThat(csv.get(0)).isEqualTo("timestamp,counts,sleep");
        assertThat(csv).hasSize(721);
        assertThat(csv.get(1)).endsWith(",W");
        assertThat(csv.get(400)).endsWith(",S");
    }

    @Test
    void tenSecondEpochsAreSummedIntoMinutes() throws IOException {
        List<String> lines = new ArrayList<>(List.of("timestamp,axis1"));
        Instant t0 = LocalDateTime.of(2026, 3, 2, 20, 0).toInstant(ZoneOffset.UTC);
        for (int m = 0; m < 720; m++) {
            for (int s = 0; s < 6; s++) {
                long c = (long) minuteCounts(m);
                lines.add(t0.plusSeconds(60L * m + 10L * s) + "," + (s == 0 ? c - 5 * (c / 6) : c / 6));
            }
        }
        JsonObject j = sleep(write("ten.csv", lines), "timestamp", "axis1", "cole-kripke")
                .successJson();
        assertThat(j.getInt("inputEpochSeconds")).isEqualTo(10);
        assertThat(j.getJsonArray("epochs")).hasSize(720);
        assertThat(j.getJsonArray("epochs")
                        .getJsonObject(5)
                        .getJsonNumber("counts")
                        .doubleValue())
                .isEqualTo(minuteCounts(5));
        assertThat(j.getJsonArray("sleepPeriods")).hasSize(1);
    }

    @Test
    void aBadCountNamesFileLineAndColumnEvenAfterAPreamble() throws IOException {
        Path f = actiLifeExport();
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(20, lines.get(20).replaceFirst(",\\d+,0,0$", ",lots,0,0"));
        Files.write(f, lines);
        assertThat(sleep(f, "Date+Time", "Axis1", "sadeh").errorLine(2))
                .isEqualTo(f + ":21:Axis1: 'lots' is not a number");
    }

    @Test
    void timeGoingBackwardsIsUnusable() throws IOException {
        Path f = write("back.csv", List.of("timestamp,axis1", "2026-03-02T20:01:00Z,0", "2026-03-02T20:00:00Z,0"));
        assertThat(sleep(f, "timestamp", "axis1", "sadeh").errorLine(2))
                .startsWith(f + ":3:timestamp: time 2026-03-02T20:00:00Z does not come after");
    }

    @Test
    void anUnknownAlgorithmIsAUsageError() throws IOException {
        assertThat(sleep(actiLifeExport(), "Date+Time", "Axis1", "oakley").errorLine(2))
                .contains("sadeh, cole-kripke");
    }
}
