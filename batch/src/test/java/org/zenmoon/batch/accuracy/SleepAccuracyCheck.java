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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.MinuteCounts;
import org.zenmoon.analysis.sleep.SleepPeriod;
import org.zenmoon.analysis.sleep.SleepWakeAlgorithm;
import org.zenmoon.analysis.sleep.SleepWakeScore;
import org.zenmoon.analysis.sleep.TudorLocke;
import org.zenmoon.batch.cli.AnalyticsTool;
import org.zenmoon.batch.cli.CsvTable;

/**
 * Sleep scoring against ActiLife's own outputs in ../shared/data/actigraphy_sleepr (issue #3): the 10 s to 60 s
 * conversion, Sadeh and Cole-Kripke per minute (acceptance: at least 99.5 % agreement for both devices) and the
 * Tudor-Locke periods (onset and offset within 1 minute). Prints every figure, for docs/analyses/sleep-chronotype.md.
 * Run from batch/ (or set -Dzenmoon.shared.data=...).
 */
class SleepAccuracyCheck {

    static final double MIN_AGREEMENT = 99.5;

    static Path data(String file) {
        return Path.of(System.getProperty("zenmoon.shared.data", "../../shared/data"), "actigraphy_sleepr", file);
    }

    /** timestamp + axis1 files (the raw 10-s file and ActiLife's 10sec60sec conversion). */
    static List<WearableEpoch> counts(String file) throws Exception {
        CsvTable csv = CsvTable.read(data(file));
        int t = csv.column("timestamp");
        int a = csv.column("axis1");
        List<WearableEpoch> out = new ArrayList<>();
        for (CsvTable.Row r : csv.rows()) {
            out.add(WearableEpoch.ofCounts(Instant.parse(csv.text(r, t)), csv.number(r, a)));
        }
        return out;
    }

    record Golden(Instant t, double axis1, String state) {}

    static final DateTimeFormatter ACTILIFE = DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.ROOT);

    /** An ActiLife export with Date, Time, Axis1 and "Sleep or Awake?". */
    static List<Golden> actiLife(String file) throws Exception {
        CsvTable csv = CsvTable.read(data(file));
        int d = csv.column("Date");
        int t = csv.column("Time");
        int a = csv.column("Axis1");
        int s = csv.column("Sleep or Awake?");
        List<Golden> out = new ArrayList<>();
        for (CsvTable.Row r : csv.rows()) {
            Instant when = LocalDateTime.parse(csv.text(r, d) + " " + csv.text(r, t), ACTILIFE)
                    .toInstant(ZoneOffset.UTC);
            out.add(new Golden(when, csv.number(r, a), csv.text(r, s)));
        }
        return out;
    }

    static double agreement(List<SleepWakeScore> ours, List<Golden> theirs, String what) {
        assertThat(ours).as(what + " minutes").hasSameSizeAs(theirs);
        int same = 0;
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).start())
                    .as(what + " minute " + i)
                    .isEqualTo(theirs.get(i).t());
            if (ours.get(i).letter().equals(theirs.get(i).state())) {
                same++;
            } else {
                System.out.printf(
                        "  %s disagreement at %s: ours %s, ActiLife %s (counts %.0f)%n",
                        what,
                        ours.get(i).start(),
                        ours.get(i).letter(),
                        theirs.get(i).state(),
                        ours.get(i).counts());
            }
        }
        double pct = 100.0 * same / ours.size();
        System.out.printf(Locale.ROOT, "%s: %d/%d minutes agree = %.2f%%%n", what, same, ours.size(), pct);
        return pct;
    }

    static int aggregationAgreement(String raw, String converted, String device) throws Exception {
        List<WearableEpoch> ours = MinuteCounts.sum(counts(raw));
        List<WearableEpoch> theirs = counts(converted);
        int same = 0;
        for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
            if (ours.get(i).equals(theirs.get(i))) {
                same++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s 10 s -> 60 s: %d 10-s epochs -> %d minutes; %d/%d minutes equal ActiLife's"
                        + " 60-s export (axis1 and time)%n",
                device,
                counts(raw).size(),
                ours.size(),
                same,
                theirs.size());
        assertThat(ours).hasSameSizeAs(theirs);
        return same;
    }

    @Test
    void gt3xPlusSadehAndColeKripkeAgreeWithActiLife() throws Exception {
        aggregationAgreement("GT3XPlus-RawData-Day01.csv", "GT3XPlus-RawData-Day01-10sec60sec.csv", "GT3XPlus");
        List<WearableEpoch> minutes = MinuteCounts.sum(counts("GT3XPlus-RawData-Day01.csv"));
        double sadeh = agreement(
                SleepWakeAlgorithm.SADEH.score(minutes),
                actiLife("GT3XPlus-RawData-Day01-Sadeh.csv"),
                "GT3XPlus Sadeh vs -Sadeh.csv");
        double ck = agreement(
                SleepWakeAlgorithm.COLE_KRIPKE.score(minutes),
                actiLife("GT3XPlus-RawData-Day01-ColeKripke.csv"),
                "GT3XPlus Cole-Kripke vs -ColeKripke.csv");
        CsvTable both = CsvTable.read(data("GT3XPlus-RawData-Day01-sleep-awake.csv"));
        List<Golden> sadehCol = new ArrayList<>();
        List<Golden> ckCol = new ArrayList<>();
        for (CsvTable.Row r : both.rows()) {
            Instant t = Instant.parse(both.text(r, both.column("timestamp")));
            sadehCol.add(new Golden(t, 0, both.text(r, both.column("sadeh"))));
            ckCol.add(new Golden(t, 0, both.text(r, both.column("cole-kripke"))));
        }
        double sadeh2 =
                agreement(SleepWakeAlgorithm.SADEH.score(minutes), sadehCol, "GT3XPlus Sadeh vs -sleep-awake.csv");
        double ck2 = agreement(
                SleepWakeAlgorithm.COLE_KRIPKE.score(minutes), ckCol, "GT3XPlus Cole-Kripke vs -sleep-awake.csv");
        assertThat(List.of(sadeh, ck, sadeh2, ck2))
                .allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(MIN_AGREEMENT));
    }

    /**
     * The ActiSleep+ folder has no ActiLife sleep/wake export (no -Sadeh, -ColeKripke or -sleep-awake file), only
     * ActiLife's 60-s conversion. So: our 10 s to 60 s conversion against ActiLife's, and the scores of both
     * algorithms on our minutes against the same algorithms on ActiLife's minutes.
     */
    @Test
    void actiSleepPlusMinutesAndScoresAgreeWithActiLifesConversion() throws Exception {
        for (String golden : List.of("-Sadeh.csv", "-ColeKripke.csv", "-sleep-awake.csv")) {
            System.out.println("ActiSleepPlus-RawData-Day01" + golden + " present: "
                    + Files.exists(data("ActiSleepPlus-RawData-Day01" + golden)));
        }
        int same = aggregationAgreement(
                "ActiSleepPlus-RawData-Day01.csv", "ActiSleepPlus-RawData-Day01-10sec60sec.csv", "ActiSleepPlus");
        List<WearableEpoch> ours = MinuteCounts.sum(counts("ActiSleepPlus-RawData-Day01.csv"));
        List<WearableEpoch> theirs = counts("ActiSleepPlus-RawData-Day01-10sec60sec.csv");
        assertThat(100.0 * same / theirs.size()).isGreaterThanOrEqualTo(MIN_AGREEMENT);
        for (SleepWakeAlgorithm a : SleepWakeAlgorithm.values()) {
            List<Golden> reference = a.score(theirs).stream()
                    .map(e -> new Golden(e.start(), e.counts(), e.letter()))
                    .toList();
            double pct = agreement(
                    a.score(ours),
                    reference,
                    "ActiSleepPlus " + a.label() + " on our minutes vs on ActiLife's minutes");
            assertThat(pct).isGreaterThanOrEqualTo(MIN_AGREEMENT);
        }
    }

    @Test
    void tudorLockePeriodsMatchActiLifeWithinOneMinute() throws Exception {
        List<SleepWakeScore> sadeh =
                SleepWakeAlgorithm.SADEH.score(MinuteCounts.sum(counts("GT3XPlus-RawData-Day01.csv")));
        CsvTable csv = CsvTable.read(data("GT3XPlus-RawData-Day01-sleep-periods.csv"));
        int algo = csv.column("period_algorithm");
        long worst = 0;
        int compared = 0;
        for (String name : List.of("Tudor-Locke Default", "Tudor-Locke Custom1", "Tudor-Locke Custom2")) {
            List<CsvTable.Row> rows = csv.rows().stream()
                    .filter(r -> r.values().get(algo).equals(name))
                    .toList();
            CsvTable.Row first = rows.get(0);
            TudorLocke rule = new TudorLocke(
                    (int) csv.number(first, csv.column("n_bedtime_start")),
                    (int) csv.number(first, csv.column("n_wake_time_end")),
                    (int) csv.number(first, csv.column("min_sleep_period")),
                    (int) csv.number(first, csv.column("max_sleep_period")),
                    (int) csv.number(first, csv.column("min_nonzero_epochs")));
            List<SleepPeriod> ours = rule.detect(sadeh);
            System.out.printf("%s: %d periods (ActiLife %d)%n", name, ours.size(), rows.size());
            assertThat(ours).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                CsvTable.Row r = rows.get(i);
                SleepPeriod p = ours.get(i);
                long onset = Duration.between(Instant.parse(csv.text(r, csv.column("onset"))), p.onset())
                        .toMinutes();
                long offset = Duration.between(Instant.parse(csv.text(r, csv.column("out_bed_time"))), p.outBed())
                        .toMinutes();
                double eff = csv.number(r, csv.column("efficiency"));
                double waso = csv.number(r, csv.column("wake_after_onset"));
                System.out.printf(
                        Locale.ROOT,
                        "  %s-%s: onset diff %d min, offset diff %d min, efficiency %.2f vs %.2f,"
                                + " WASO %d vs %.0f, awakenings %d vs %.0f%n",
                        p.onset(),
                        p.outBed(),
                        onset,
                        offset,
                        p.efficiency(),
                        eff,
                        p.wakeAfterOnset(),
                        waso,
                        p.awakenings(),
                        csv.number(r, csv.column("nb_awakenings")));
                worst = Math.max(worst, Math.max(Math.abs(onset), Math.abs(offset)));
                assertThat(p.efficiency()).isEqualTo(eff);
                assertThat((double) p.wakeAfterOnset()).isEqualTo(waso);
                compared++;
            }
        }
        System.out.printf(
                "Tudor-Locke: %d periods compared, largest onset/offset difference %d min%n", compared, worst);
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void theSleepCommandWorksOnTheSharedFilesAsDocumented() throws Exception {
        for (String[] c : List.of(
                new String[] {"GT3XPlus-RawData-Day01.csv", "timestamp", "axis1"},
                new String[] {"ActiSleepPlus-RawData-Day01.csv", "timestamp", "axis1"},
                new String[] {"GT3XPlus-RawData-Day01-Sadeh.csv", "Date+Time", "Axis1"})) {
            for (String algorithm : List.of("sadeh", "cole-kripke")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = new AnalyticsTool()
                        .run(
                                new String[] {
                                    "sleep",
                                    "--counts",
                                    data(c[0]).toString(),
                                    "--time-col",
                                    c[1],
                                    "--counts-col",
                                    c[2],
                                    "--algorithm",
                                    algorithm
                                },
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8));
                assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
                assertThat(code).isZero();
                JsonObject j = Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8)))
                        .readObject();
                System.out.printf(
                        "sleep %s %s: %d minutes, %d asleep, %d Tudor-Locke default periods%n",
                        c[0],
                        algorithm,
                        j.getInt("minutes"),
                        j.getInt("sleepMinutes"),
                        j.getJsonArray("sleepPeriods").size());
            }
        }
    }
}
