package org.zenmoon.batch.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.chronotype.ClockMinutes;
import org.zenmoon.analysis.chronotype.Mctq;
import org.zenmoon.analysis.chronotype.MctqForm;
import org.zenmoon.analysis.chronotype.MctqResult;
import org.zenmoon.batch.cli.AnalyticsTool;
import org.zenmoon.batch.cli.CsvTable;

/**
 * The MCTQ quantities for ../shared/data/mctq/std_mctq.csv (issue #3): every valid row must match the formulas
 * of data/README.md to the minute, computed here a second time by a deliberately plain implementation; alarm
 * rows must leave MSFsc undefined; every deliberately bad row must be reported with its line and a reason.
 * Prints every figure. Run from batch/ (or set -Dzenmoon.shared.data=...).
 */
class ChronotypeAccuracyCheck {

    /** The rows ropensci/mctq's data-raw/std_mctq.R builds as invalid, inverted, suspicious or erroneous. */
    static final Set<String> BAD_IDS = Set.of("1", "7", "10", "14", "15", "33", "34", "39", "41");

    static final Set<String> FREE_DAY_ALARM = Set.of("6", "9", "22", "30", "40", "43");

    static Path data(String file) {
        return Path.of(System.getProperty("zenmoon.shared.data", "../../shared/data"), "mctq", file);
    }

    static final DateTimeFormatter[] CLOCK = {
        DateTimeFormatter.ofPattern("H:mm", Locale.ROOT),
        DateTimeFormatter.ofPattern("HHmm", Locale.ROOT),
        DateTimeFormatter.ofPattern("h:mm a", Locale.ROOT),
        DateTimeFormatter.ofPattern("hhmm a", Locale.ROOT)
    };

    /** The independent reading: java.time's parsers, minutes as whole numbers. */
    static Integer clock(String s) {
        for (DateTimeFormatter f : CLOCK) {
            try {
                LocalTime t = LocalTime.parse(s.trim().toUpperCase(Locale.ROOT), f);
                return t.getHour() * 60 + t.getMinute();
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return null;
    }

    static Integer latency(String s) {
        return s.contains(":") ? clock(s) : Integer.valueOf(s.trim());
    }

    static int mod(int m) {
        return ((m % 1440) + 1440) % 1440;
    }

    /** Minutes twice over, to keep halves exact: MS = SO + SD/2 → 2·MS = 2·SO + SD. */
    record Expected(Integer msw2, Integer msf2, Integer sdWeek7, Integer msfSc14, Integer sjl2) {}

    static Expected formulas(Map<String, String> r) {
        Integer wd = r.get("WORK DAYS").isBlank() ? 0 : Integer.valueOf(r.get("WORK DAYS"));
        Integer soW = null;
        Integer sdW = null;
        if (!r.get("W SLEEP PREP").isBlank()) {
            soW = mod(clock(r.get("W SLEEP PREP")) + latency(r.get("W SLEEP LAT")));
            sdW = mod(clock(r.get("W SLEEP END")) - soW);
        }
        Integer soF = null;
        Integer sdF = null;
        if (!r.get("F SLEEP PREP").isBlank()) {
            soF = mod(clock(r.get("F SLEEP PREP")) + latency(r.get("F SLEEP LAT")));
            sdF = mod(clock(r.get("F SLEEP END")) - soF);
        }
        Integer msw2 = soW == null ? null : mod2(2 * soW + sdW);
        Integer msf2 = soF == null ? null : mod2(2 * soF + sdF);
        Integer sdWeek7 = sdW == null || sdF == null ? null : sdW * wd + sdF * (7 - wd);
        Integer msfSc14 = null;
        if (msf2 != null && sdW != null && !r.get("F ALARM").equalsIgnoreCase("yes")) {
            msfSc14 = sdF <= sdW ? 7 * msf2 : Math.floorMod(7 * msf2 - (7 * sdF - sdWeek7), 14 * 1440);
        }
        Integer sjl2 = null;
        if (msw2 != null && msf2 != null) {
            int d = Math.floorMod(msf2 - msw2, 2880);
            sjl2 = Math.min(d, 2880 - d);
        }
        return new Expected(msw2, msf2, sdWeek7, msfSc14, sjl2);
    }

    static int mod2(int m) {
        return Math.floorMod(m, 2880);
    }

    static boolean sameClock(Double ours, Integer theirsScaled, int scale, String what, String id, List<String> log) {
        if (ours == null || theirsScaled == null) {
            boolean same = ours == null && theirsScaled == null;
            if (!same) {
                log.add("ID " + id + " " + what + ": ours " + ours + ", formula " + theirsScaled);
            }
            return same;
        }
        double diff = ClockMinutes.distance(ours, theirsScaled / (double) scale);
        if (diff >= 1) {
            log.add("ID " + id + " " + what + ": ours " + ClockMinutes.format(ours) + ", formula "
                    + ClockMinutes.format(theirsScaled / (double) scale));
        }
        return diff < 1;
    }

    @Test
    void stdMctqMatchesTheFormulasAndReportsEveryBadRow() throws Exception {
        CsvTable csv = CsvTable.read(data("std_mctq.csv"));
        Map<String, MctqForm.Reading> readings = new LinkedHashMap<>();
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        for (CsvTable.Row row : csv.rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < csv.header().size(); i++) {
                m.put(
                        csv.header().get(i),
                        i < row.values().size() ? row.values().get(i).trim() : "");
            }
            MctqForm.Reading r = MctqForm.read(m);
            readings.put(r.id(), r);
            raw.put(r.id(), m);
            lines.put(r.id(), row.line());
        }
        Map<String, List<String>> reported = new TreeMap<>((a, b) -> Integer.parseInt(a) - Integer.parseInt(b));
        readings.forEach((id, r) -> {
            if (!r.valid()) {
                reported.put(
                        id,
                        r.problems().stream()
                                .map(p -> (p.column() == null ? "" : p.column() + ": ") + p.message())
                                .toList());
            }
        });
        System.out.println("std_mctq.csv: " + readings.size() + " rows; " + reported.size() + " reported as bad:");
        reported.forEach(
                (id, p) -> System.out.println("  line " + lines.get(id) + " (ID " + id + "): " + String.join("; ", p)));
        readings.forEach((id, r) -> r.notes()
                .forEach(n -> System.out.println(
                        "  note line " + lines.get(id) + " (ID " + id + "): " + n.column() + ": " + n.message())));
        assertThat(reported.keySet()).containsExactlyInAnyOrderElementsOf(BAD_IDS);

        int valid = 0;
        int matched = 0;
        int undefinedMsfSc = 0;
        List<String> log = new ArrayList<>();
        for (var e : readings.entrySet()) {
            if (!e.getValue().valid()) {
                continue;
            }
            valid++;
            String id = e.getKey();
            MctqResult q = Mctq.compute(e.getValue().answers());
            Expected x = formulas(raw.get(id));
            boolean ok = sameClock(q.msw(), x.msw2(), 2, "MSW", id, log)
                    & sameClock(q.msf(), x.msf2(), 2, "MSF", id, log)
                    & sameClock(q.msfSc(), x.msfSc14(), 14, "MSFsc", id, log)
                    & sameDuration(q.sdWeek(), x.sdWeek7(), 7, "SD_week", id, log)
                    & sameDuration(q.socialJetlag(), x.sjl2(), 2, "SJL", id, log);
            if (ok) {
                matched++;
            }
            if (q.msfSc() == null) {
                undefinedMsfSc++;
            }
        }
        log.forEach(l -> System.out.println("  MISMATCH " + l));
        System.out.printf(
                "valid rows: %d; MSW, MSF, SD_week, MSFsc and SJL all within 1 min of the formulas: %d/%d%n",
                valid, matched, valid);
        for (String id : FREE_DAY_ALARM) {
            assertThat(Mctq.compute(readings.get(id).answers()).msfSc())
                    .as("MSFsc of ID " + id)
                    .isNull();
        }
        System.out.printf(
                "MSFsc undefined on valid rows: %d (alarm on free days: IDs %s)%n",
                undefinedMsfSc, new java.util.TreeSet<>(FREE_DAY_ALARM));
        assertThat(matched).isEqualTo(valid);
        assertThat(valid).isEqualTo(41);
    }

    static boolean sameDuration(
            Double ours, Integer theirsScaled, int scale, String what, String id, List<String> log) {
        if (ours == null || theirsScaled == null) {
            boolean same = ours == null && theirsScaled == null;
            if (!same) {
                log.add("ID " + id + " " + what + ": ours " + ours + ", formula " + theirsScaled);
            }
            return same;
        }
        boolean same = Math.abs(ours - theirsScaled / (double) scale) < 1;
        if (!same) {
            log.add("ID " + id + " " + what + ": ours " + ours + ", formula " + theirsScaled / (double) scale);
        }
        return same;
    }

    @Test
    void theChronotypeCommandWorksOnStdMctq() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AnalyticsTool()
                .run(
                        new String[] {
                            "chronotype", "--mctq", data("std_mctq.csv").toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        JsonObject j = Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8)))
                .readObject();
        long lines = j.getJsonArray("problems").stream()
                .map(p -> p.asJsonObject().getInt("line"))
                .distinct()
                .count();
        System.out.printf(
                "chronotype --mctq std_mctq.csv: %d subjects, %d problems on %d lines%n",
                j.getJsonArray("subjects").size(), j.getJsonArray("problems").size(), lines);
        assertThat(j.getJsonArray("subjects")).hasSize(50);
        assertThat(lines).isEqualTo(BAD_IDS.size());
    }
}
