package org.zenmoon.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code chronotype} subcommand: MCTQ answers with bad rows, and detected nights. */
class ChronotypeCommandTest {

    @TempDir
    Path dir;

    ToolRun run(String... args) {
        return ToolRun.of(args);
    }

    static final String MCTQ_HEADER = "ID,WORK REGULAR,WORK DAYS,W BEDTIME,W SLEEP PREP,W SLEEP LAT,W SLEEP END,"
            + "W SLEEP INERTIA,W ALARM,W WAKE BEFORE ALARM,W LIGHT EXPOSURE,F BEDTIME,F SLEEP PREP,F SLEEP LAT,"
            + "F SLEEP END,F SLEEP INERTIA,F ALARM,F REASONS,F REASONS WHY,F LIGHT EXPOSURE";

    @Test
    void mctqRowsAreComputedAndBadOnesReportedWithLineAndReason() throws IOException {
        Path f = dir.resolve("mctq.csv");
        Files.write(
                f,
                List.of(
                        MCTQ_HEADER,
                        "2,Yes,5,22:50,23:20,30,06:55,25,Yes,No,01:00,23:35,00:15,5,10:10,25,No,No,NA,03:20",
                        "34,No,10,27:00,02:00,30,12:15,20,No,Sim,02:15,34:00,04:30,15,14:12,30,No,Yes,Hobbies,-01:30",
                        "10,true,5,11:00 PM,0000,00:15,07:15 AM,30,No,,03:00,01:00,0130 AM,60,10:00,15,No,Yes,Hobbies,04:30"));
        Path csv = dir.resolve("out.csv");
        ToolRun r = run("chronotype", "--mctq", f.toString(), "--age", "35", "--out", csv.toString());
        assertThat(r.code()).isZero();
        JsonObject j = r.json();
        JsonObject first = j.getJsonArray("subjects").getJsonObject(0);
        assertThat(first.getString("msf")).isEqualTo("05:15:00");
        assertThat(first.getString("msfSc")).isEqualTo("04:16:04");
        assertThat(first.getString("sdWeek")).isEqualTo("PT7H52M9S");
        assertThat(first.getString("socialJetlag")).isEqualTo("PT1H52M30S");
        assertThat(first.getString("category")).isEqualTo("intermediate");
        var problems = j.getJsonArray("problems");
        assertThat(problems)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.asJsonObject().getInt("line")).isEqualTo(3));
        assertThat(problems.toString()).contains("27:00", "Sim", "10 work days");
        JsonObject twelveHour = j.getJsonArray("subjects").getJsonObject(2);
        assertThat(twelveHour.getBoolean("valid")).isTrue();
        assertThat(twelveHour.getString("notes")).contains("read 12-hour '11:00 PM' as 23:00");
        assertThat(twelveHour.getString("msw")).isEqualTo("03:45:00");
        assertThat(Files.readAllLines(csv))
                .hasSize(4)
                .first()
                .asString()
                .startsWith("subject,line,msw,msf,msfSc,sdWeek");
    }

    Path episodes(int nightsA, int nightsB) throws IOException {
        List<String> lines = new ArrayList<>(List.of("subject,onset,wake,free_day,age"));
        LocalDate first = LocalDate.of(2026, 1, 5);
        for (int i = 0; i < Math.max(nightsA, nightsB); i++) {
            LocalDate d = first.plusDays(i);
            boolean free = d.plusDays(1).getDayOfWeek().getValue() >= 6;
            String onset = d.atTime(free ? 23 : 21, 0).atOffset(ZoneOffset.UTC).toString();
            String wake = d.plusDays(1)
                    .atTime(free ? 10 : 7, 0)
                    .atOffset(ZoneOffset.UTC)
                    .toString();
            if (i < nightsA) {
                lines.add("owl," + onset + "," + wake + ",," + 9);
            }
            if (i < nightsB) {
                lines.add("newcomer," + onset + "," + wake + "," + free + ",");
            }
        }
        Path f = dir.resolve("episodes.csv");
        Files.write(f, lines);
        return f;
    }

    @Test
    void detectedNightsGiveAChronotypeAndTooFewNightsSayInsufficientData() throws IOException {
        var subjects = run("chronotype", "--episodes", episodes(21, 6).toString())
                .successJson()
                .getJsonArray("subjects");
        JsonObject owl = subjects.getJsonObject(0);
        assertThat(owl.getString("status")).isEqualTo("ok");
        assertThat(owl.getInt("freeNights")).isEqualTo(6);
        assertThat(owl.getString("msf")).isEqualTo("04:30:00");
        assertThat(owl.getString("category")).isEqualTo("night_owl");
        JsonObject newcomer = subjects.getJsonObject(1);
        assertThat(newcomer.getString("status")).isEqualTo("insufficient_data");
        assertThat(newcomer.getString("category")).isEqualTo("insufficient_data");
        assertThat(newcomer.getString("reason")).isEqualTo("6 nights, at least 14 needed");
        assertThat(newcomer.isNull("msfSc")).isTrue();
    }

    @Test
    void anUnreadableOnsetNamesFileLineAndColumn() throws IOException {
        Path f = episodes(3, 0);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(2, "owl,yesterday evening," + lines.get(2).split(",")[2] + ",,9");
        Files.write(f, lines);
        assertThat(run("chronotype", "--episodes", f.toString()).errorLine(2))
                .isEqualTo(f + ":3:onset: 'yesterday evening' is not an ISO-8601 time");
    }

    @Test
    void exactlyOneInputIsNeeded() {
        assertThat(run("chronotype").errorLine(2)).contains("--mctq", "--episodes");
    }
}
