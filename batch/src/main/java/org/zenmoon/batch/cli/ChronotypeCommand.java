package org.zenmoon.batch.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.zenmoon.analysis.chronotype.AgeNorms;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.analysis.chronotype.ChronotypeAnalysis;
import org.zenmoon.analysis.chronotype.ClockMinutes;
import org.zenmoon.analysis.chronotype.Mctq;
import org.zenmoon.analysis.chronotype.MctqForm;
import org.zenmoon.analysis.chronotype.MctqResult;
import org.zenmoon.analysis.chronotype.SchoolCalendar;
import org.zenmoon.analysis.chronotype.SleepNight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chronotype}: MSF, MSFsc, SD_week and social jetlag per subject, from MCTQ answers or from detected sleep.
 */
@Command(
        name = "chronotype",
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "MSW, MSF, MSFsc, SD_week and social jetlag per subject, from MCTQ answers (--mctq) or from detected sleep"
                    + " (--episodes); give exactly one of the two.",
            "Output: JSON per subject (msw, msf, msfSc as HH:MM:SS; sdWeek, socialJetlag as ISO-8601 durations, also in"
                    + " minutes; category early_bird|intermediate|night_owl, null without an age); with --out the same"
                    + " per-subject rows as CSV in that file."
        })
public final class ChronotypeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--mctq",
            paramLabel = "FILE",
            description =
                    "Standard MCTQ answers (ropensci/mctq std_mctq columns, raw or tidied). Rows with unreadable"
                            + " answers are reported under \"problems\" with their line and reason; the rest is still computed.")
    Path mctqFile;

    @Option(
            names = "--episodes",
            paramLabel = "FILE",
            description = "One main sleep per line: subject, onset, wake (ISO-8601), free_day (true/false; empty:"
                    + " decided by --weekend and --holidays on the day after the night), optional age.")
    Path episodesFile;

    @Option(
            names = "--age",
            paramLabel = "YEARS",
            description = "The age for the category (an age column in --episodes takes precedence).")
    String ageText;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Writes the per-subject rows to this CSV file.")
    Path out;

    @Option(
            names = "--zone",
            defaultValue = "UTC",
            paramLabel = "Z",
            description = "--episodes: the time zone of the clock times (default: ${DEFAULT-VALUE}).")
    String zoneName;

    @Option(
            names = "--weekend",
            defaultValue = "SAT,SUN",
            paramLabel = "DAYS",
            description = "--episodes: the free days of the week (default: ${DEFAULT-VALUE}).")
    String weekendDays;

    @Option(
            names = "--holidays",
            defaultValue = "",
            paramLabel = "YYYY-MM-DD,...",
            description = "--episodes: free dates besides the weekend.")
    String holidayDates;

    @Option(
            names = "--min-nights",
            defaultValue = "14",
            paramLabel = "N",
            description = "--episodes: fewer nights give insufficient_data (default: ${DEFAULT-VALUE}).")
    int minNights;

    @Option(
            names = "--min-free-nights",
            defaultValue = "4",
            paramLabel = "N",
            description = "--episodes: fewer free nights give insufficient_data (default: ${DEFAULT-VALUE}).")
    int minFreeNights;

    @Override
    public Integer call() throws InputException, IOException {
        if ((mctqFile != null) == (episodesFile != null)) {
            throw new InputException("give exactly one of --mctq FILE and --episodes FILE");
        }
        Double age = ageText != null ? age(ageText) : null;
        List<Map<String, Object>> subjects = new ArrayList<>();
        JsonArrayBuilder problems = Json.createArrayBuilder();
        JsonObjectBuilder top = Json.createObjectBuilder();
        if (mctqFile != null) {
            Path file = CsvTable.readable(mctqFile, "--mctq");
            mctq(CsvTable.read(file), age, subjects, problems);
            top.add("source", "mctq").add("file", file.toString());
        } else {
            Path file = CsvTable.readable(episodesFile, "--episodes");
            ZoneId zone = SleepCommand.zone(zoneName);
            SchoolCalendar calendar = new SchoolCalendar(weekend(weekendDays), holidays(holidayDates));
            ChronotypeAnalysis analysis =
                    new ChronotypeAnalysis(zone, calendar, AgeNorms.DEFAULT, minNights, minFreeNights);
            episodes(CsvTable.read(file), analysis, age, subjects);
            top.add("source", "episodes").add("file", file.toString());
        }
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (Map<String, Object> s : subjects) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            s.forEach((k, v) -> {
                if (v == null) {
                    b.addNull(k);
                } else if (v instanceof Long || v instanceof Integer) {
                    b.add(k, ((Number) v).longValue());
                } else if (v instanceof Double d) {
                    b.add(k, d);
                } else if (v instanceof Boolean bool) {
                    b.add(k, bool);
                } else {
                    b.add(k, v.toString());
                }
            });
            rows.add(b);
        }
        top.add("subjects", rows).add("problems", problems);
        if (out != null) {
            writeCsv(out, subjects);
        }
        spec.commandLine().getOut().println(AnalyticsTool.prettyJson(top.build()));
        return 0;
    }

    private static void mctq(CsvTable csv, Double age, List<Map<String, Object>> subjects, JsonArrayBuilder problems)
            throws InputException {
        for (MctqForm.Item item : MctqForm.Item.values()) {
            if (!csv.hasColumn(item.rawHeader) && !csv.hasColumn(item.tidyName)) {
                csv.column(item.rawHeader); // reports the missing column on line 1
            }
        }
        for (CsvTable.Row row : csv.rows()) {
            Map<String, String> answers = new LinkedHashMap<>();
            for (int i = 0; i < csv.header().size(); i++) {
                answers.put(
                        csv.header().get(i),
                        i < row.values().size() ? row.values().get(i) : "");
            }
            MctqForm.Reading r = MctqForm.read(answers);
            MctqResult q = Mctq.compute(r.answers());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("subject", r.id());
            s.put("line", row.line());
            putMidSleep(s, q.msw(), q.msf(), q.msfSc(), q.sdWeek(), q.socialJetlag());
            s.put("sleepDurationWorkDays", duration(q.sdW()));
            s.put("sleepDurationFreeDays", duration(q.sdF()));
            s.put(
                    "category",
                    age == null || q.msfSc() == null
                            ? null
                            : AgeNorms.DEFAULT.categorise(q.msfSc(), age).label());
            s.put("valid", r.valid());
            s.put(
                    "problems",
                    String.join(
                            "; ",
                            r.problems().stream()
                                    .map(ChronotypeCommand::describe)
                                    .toList()));
            s.put(
                    "notes",
                    String.join(
                            "; ",
                            r.notes().stream().map(ChronotypeCommand::describe).toList()));
            subjects.add(s);
            for (MctqForm.Finding f : r.problems()) {
                JsonObjectBuilder p =
                        Json.createObjectBuilder().add("line", row.line()).add("subject", r.id() == null ? "" : r.id());
                if (f.column() == null) {
                    p.addNull("column");
                } else {
                    p.add("column", f.column());
                }
                if (f.value() == null) {
                    p.addNull("value");
                } else {
                    p.add("value", f.value());
                }
                problems.add(p.add("reason", describe(f)));
            }
        }
    }

    private static String describe(MctqForm.Finding f) {
        return (f.column() == null ? "" : f.column() + ": ") + f.message();
    }

    private static void episodes(
            CsvTable csv, ChronotypeAnalysis analysis, Double age, List<Map<String, Object>> subjects)
            throws InputException {
        int subject = csv.column("subject");
        int onset = csv.column("onset");
        int wake = csv.column("wake");
        int free = csv.column("free_day");
        Integer ageCol = csv.hasColumn("age") ? csv.column("age") : null;
        Map<String, List<SleepNight>> nights = new LinkedHashMap<>();
        Map<String, Double> ages = new LinkedHashMap<>();
        for (CsvTable.Row row : csv.rows()) {
            String id = csv.text(row, subject);
            if (id.isEmpty()) {
                throw new InputException(csv.file(), row.line(), "subject", "empty subject");
            }
            Instant on = instant(csv, row, onset, analysis.zone());
            Instant off = instant(csv, row, wake, analysis.zone());
            if (!off.isAfter(on)) {
                throw new InputException(
                        csv.file(),
                        row.line(),
                        "wake",
                        "wake " + csv.text(row, wake) + " is not after onset " + csv.text(row, onset));
            }
            Boolean freeDay = freeDay(csv, row, free);
            nights.computeIfAbsent(id, k -> new ArrayList<>()).add(new SleepNight(on, off, freeDay));
            if (ageCol != null && !csv.text(row, ageCol).isEmpty()) {
                ages.put(id, csv.number(row, ageCol));
            }
        }
        for (var e : nights.entrySet()) {
            Double a = ages.getOrDefault(e.getKey(), age);
            Chronotype c = analysis.analyse(e.getValue(), a);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("subject", e.getKey());
            s.put("status", c.status().label());
            s.put("reason", c.reason());
            s.put("nights", c.nights());
            s.put("schoolNights", c.schoolNights());
            s.put("freeNights", c.freeNights());
            putMidSleep(s, c.msw(), c.msf(), c.msfSc(), c.sdWeek(), c.socialJetlag());
            s.put("sleepDurationSchoolDays", duration(c.sleepDurationSchoolDays()));
            s.put("sleepDurationFreeDays", duration(c.sleepDurationFreeDays()));
            s.put("age", a);
            s.put(
                    "category",
                    c.status() == Chronotype.Status.INSUFFICIENT_DATA
                            ? "insufficient_data"
                            : c.category() == null ? null : c.category().label());
            subjects.add(s);
        }
    }

    private static Instant instant(CsvTable csv, CsvTable.Row row, int col, ZoneId zone) throws InputException {
        String t = csv.text(row, col);
        Instant i = SleepCommand.instant(t, zone);
        if (i == null) {
            throw new InputException(
                    csv.file(), row.line(), csv.header().get(col), "'" + t + "' is not an ISO-8601 time");
        }
        return i;
    }

    private static Boolean freeDay(CsvTable csv, CsvTable.Row row, int col) throws InputException {
        String t = csv.text(row, col).toLowerCase(Locale.ROOT);
        return switch (t) {
            case "" -> null;
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default ->
                throw new InputException(
                        csv.file(), row.line(), "free_day", "'" + csv.text(row, col) + "' is not true or false");
        };
    }

    private static Set<DayOfWeek> weekend(String spec) throws InputException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : spec.split(",")) {
            String t = d.trim().toUpperCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            DayOfWeek found = null;
            for (DayOfWeek w : DayOfWeek.values()) {
                if (w.name().startsWith(t) && t.length() >= 2) {
                    found = w;
                }
            }
            if (found == null) {
                throw new InputException("option --weekend: '" + d + "' is not a day of the week");
            }
            days.add(found);
        }
        return days;
    }

    private static Set<LocalDate> holidays(String spec) throws InputException {
        Set<LocalDate> out = new HashSet<>();
        for (String d : spec.split(",")) {
            if (d.isBlank()) {
                continue;
            }
            try {
                out.add(LocalDate.parse(d.trim()));
            } catch (DateTimeParseException e) {
                throw new InputException("option --holidays: '" + d + "' is not a date (YYYY-MM-DD)");
            }
        }
        return out;
    }

    private static Double age(String v) throws InputException {
        try {
            double a = Double.parseDouble(v);
            if (a >= 0 && a < 130) {
                return a;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException("option --age must be an age in years, not '" + v + "'");
    }

    /** The quantities that MCTQ answers and detected nights both give, in minutes, as the output shows them. */
    private static void putMidSleep(
            Map<String, Object> subject, Double msw, Double msf, Double msfSc, Double sdWeek, Double socialJetlag) {
        subject.put("msw", clock(msw));
        subject.put("msf", clock(msf));
        subject.put("msfSc", clock(msfSc));
        subject.put("sdWeek", duration(sdWeek));
        subject.put("socialJetlag", duration(socialJetlag));
        subject.put("sdWeekMinutes", minutes(sdWeek));
        subject.put("socialJetlagMinutes", minutes(socialJetlag));
    }

    private static String clock(Double minutes) {
        return minutes == null ? null : ClockMinutes.format(minutes);
    }

    private static String duration(Double minutes) {
        return minutes == null ? null : ClockMinutes.formatDuration(minutes);
    }

    private static Double minutes(Double m) {
        return m == null ? null : Math.round(m * 100) / 100.0;
    }

    private static void writeCsv(Path path, List<Map<String, Object>> subjects) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), CsvTable.OUTPUT)) {
            if (subjects.isEmpty()) {
                return;
            }
            List<String> cols = new ArrayList<>(subjects.get(0).keySet());
            csv.printRecord(cols);
            for (Map<String, Object> s : subjects) {
                csv.printRecord(cols.stream().map(s::get));
            }
        }
    }
}
