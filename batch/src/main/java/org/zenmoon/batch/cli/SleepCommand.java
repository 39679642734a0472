package org.zenmoon.batch.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.MinuteCounts;
import org.zenmoon.analysis.sleep.SleepPeriod;
import org.zenmoon.analysis.sleep.SleepWakeAlgorithm;
import org.zenmoon.analysis.sleep.SleepWakeScore;
import org.zenmoon.analysis.sleep.TudorLocke;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sleep}: Sadeh or Cole-Kripke sleep/wake per minute and Tudor-Locke sleep periods from an activity-count
 * CSV, ActiLife's way (epochs shorter than a minute are summed into minutes first).
 */
@Command(
        name = "sleep",
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Sadeh or Cole-Kripke sleep/wake per minute and Tudor-Locke sleep periods from activity counts, as ActiLife"
                    + " computes them. Epochs shorter than 60 s are summed into clock minutes first (ActiLife's"
                    + " 10 sec -> 60 sec).",
            "Output: JSON with the per-minute scores and the Tudor-Locke sleep periods; with --out the per-minute CSV"
                    + " (timestamp,counts,sleep with S/W) goes to that file and the JSON keeps only the periods."
        })
public final class SleepCommand implements Callable<Integer> {

    private static final DateTimeFormatter ACTILIFE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("M/d/yyyy[ h:mm[:ss] a][ H:mm[:ss]]")
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd['T'][' ']HH:mm[:ss]")
            .toFormatter(Locale.ROOT);

    /** ActiLife's preamble is ten lines; the header is looked for this far down. */
    private static final int PREAMBLE_LINES = 50;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--counts",
            required = true,
            paramLabel = "FILE",
            description = "Activity counts, ActiGraph 10-s or 60-s epochs (an ActiLife preamble before the header is"
                    + " skipped).")
    Path counts;

    @Option(
            names = "--time-col",
            required = true,
            paramLabel = "C",
            description = "An ISO-8601 time (with offset, or local in --zone), or two columns joined with '+' such as"
                    + " Date+Time for ActiLife exports (M/d/yyyy with h:mm AM/PM or H:mm[:ss]).")
    String timeCol;

    @Option(names = "--counts-col", required = true, paramLabel = "C", description = "The activity counts (axis 1).")
    String countsCol;

    @Option(
            names = "--algorithm",
            required = true,
            paramLabel = "sadeh|cole-kripke",
            description = "Sadeh (1994) or Cole-Kripke (1992), with ActiLife's scaling.")
    String algorithmName;

    @Option(
            names = "--zone",
            defaultValue = "UTC",
            paramLabel = "Z",
            description = "Time zone of local times (default: ${DEFAULT-VALUE}).")
    String zoneName;

    @Option(names = "--out", paramLabel = "EPOCHS.csv", description = "Writes the per-minute scores to this CSV file.")
    Path epochsOut;

    @Option(
            names = "--periods-out",
            paramLabel = "PERIODS.csv",
            description = "Writes the sleep periods to this CSV file, with ActiLife's column names.")
    Path periodsOut;

    @Option(
            names = "--bedtime-start",
            defaultValue = "5",
            paramLabel = "N",
            description = "Tudor-Locke: consecutive sleep minutes that start a period (default: ${DEFAULT-VALUE}).")
    int bedtimeStart;

    @Option(
            names = "--wake-time-end",
            defaultValue = "10",
            paramLabel = "N",
            description = "Tudor-Locke: consecutive wake minutes that end a period (default: ${DEFAULT-VALUE}).")
    int wakeTimeEnd;

    @Option(
            names = "--min-period",
            defaultValue = "160",
            paramLabel = "MIN",
            description = "Tudor-Locke: shortest period kept, in minutes (default: ${DEFAULT-VALUE}).")
    int minPeriod;

    @Option(
            names = "--max-period",
            defaultValue = "1440",
            paramLabel = "MIN",
            description = "Tudor-Locke: longest period kept, in minutes (default: ${DEFAULT-VALUE}).")
    int maxPeriod;

    @Option(
            names = "--min-nonzero",
            defaultValue = "0",
            paramLabel = "N",
            description = "Tudor-Locke: minutes with counts a period needs (default: ${DEFAULT-VALUE}).")
    int minNonzero;

    @Override
    public Integer call() throws InputException, IOException {
        Path file = CsvTable.readable(counts, "--counts");
        SleepWakeAlgorithm algorithm;
        try {
            algorithm = SleepWakeAlgorithm.fromLabel(algorithmName);
        } catch (IllegalArgumentException e) {
            throw new InputException("option --algorithm: " + e.getMessage());
        }
        ZoneId zone = zone(zoneName);
        TudorLocke rule;
        try {
            rule = new TudorLocke(bedtimeStart, wakeTimeEnd, minPeriod, maxPeriod, minNonzero);
        } catch (IllegalArgumentException e) {
            throw new InputException("Tudor-Locke options: " + e.getMessage());
        }
        Input input = read(file, timeCol, countsCol, zone);
        List<WearableEpoch> minutes = input.epochSeconds() < 60 ? MinuteCounts.sum(input.epochs()) : input.epochs();
        List<SleepWakeScore> scored = algorithm.score(minutes);
        List<SleepPeriod> periods = rule.detect(scored);

        if (epochsOut != null) {
            writeFile(epochsOut, List.of("timestamp", "counts", "sleep"), epochRows(scored));
        }
        if (periodsOut != null) {
            writeFile(periodsOut, PERIOD_COLUMNS, periodRows(algorithm, periods));
        }
        int sleep = (int) scored.stream().filter(SleepWakeScore::asleep).count();
        JsonObjectBuilder j = Json.createObjectBuilder()
                .add("file", file.toString())
                .add("algorithm", algorithm.label())
                .add("inputEpochSeconds", input.epochSeconds())
                .add("aggregatedToMinutes", input.epochSeconds() < 60)
                .add("minutes", scored.size())
                .add("sleepMinutes", sleep)
                .add("wakeMinutes", scored.size() - sleep)
                .add(
                        "periodRule",
                        Json.createObjectBuilder()
                                .add("name", "Tudor-Locke")
                                .add("bedtimeStart", rule.bedtimeStart())
                                .add("wakeTimeEnd", rule.wakeTimeEnd())
                                .add("minSleepPeriod", rule.minSleepPeriod())
                                .add("maxSleepPeriod", rule.maxSleepPeriod())
                                .add("minNonzeroEpochs", rule.minNonzeroEpochs()));
        JsonArrayBuilder ps = Json.createArrayBuilder();
        for (SleepPeriod p : periods) {
            ps.add(Json.createObjectBuilder()
                    .add("inBedTime", p.inBed().toString())
                    .add("outBedTime", p.outBed().toString())
                    .add("onset", p.onset().toString())
                    .add("latency", p.latency())
                    .add("duration", p.duration())
                    .add("totalSleepTime", p.totalSleepTime())
                    .add("wakeAfterOnset", p.wakeAfterOnset())
                    .add("efficiency", p.efficiency())
                    .add("awakenings", p.awakenings())
                    .add("averageAwakening", p.averageAwakening())
                    .add("totalCounts", p.totalCounts())
                    .add("movementIndex", p.movementIndex())
                    .add("fragmentationIndex", p.fragmentationIndex())
                    .add("sleepFragmentationIndex", p.sleepFragmentationIndex()));
        }
        j.add("sleepPeriods", ps);
        if (epochsOut != null) {
            j.add("epochsCsv", epochsOut.toString());
        } else {
            JsonArrayBuilder es = Json.createArrayBuilder();
            for (SleepWakeScore e : scored) {
                es.add(Json.createObjectBuilder()
                        .add("t", e.start().toString())
                        .add("counts", e.counts())
                        .add("sleep", e.letter()));
            }
            j.add("epochs", es);
        }
        spec.commandLine().getOut().println(AnalyticsTool.prettyJson(j.build()));
        return 0;
    }

    record Input(List<WearableEpoch> epochs, long epochSeconds) {}

    /** Reads the counts; an ActiLife preamble (lines before the header) is skipped, keeping line numbers. */
    static Input read(Path file, String timeCol, String countsCol, ZoneId zone) throws InputException {
        String[] timeCols = timeCol.split("\\+");
        CsvTable csv = CsvTable.readAfterPreamble(file, fields -> fields.contains(timeCols[0]), PREAMBLE_LINES);
        return parse(csv, timeCols, countsCol, zone);
    }

    private static Input parse(CsvTable csv, String[] timeCols, String countsCol, ZoneId zone) throws InputException {
        int[] t = new int[timeCols.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = csv.column(timeCols[i]);
        }
        int c = csv.column(countsCol);
        List<WearableEpoch> epochs = new ArrayList<>(csv.rows().size());
        String timeName = String.join("+", timeCols);
        Instant previous = null;
        long epoch = Long.MAX_VALUE;
        for (CsvTable.Row row : csv.rows()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < t.length; i++) {
                text.append(i == 0 ? "" : " ").append(csv.text(row, t[i]));
            }
            Instant when = instant(text.toString(), zone);
            if (when == null) {
                throw new InputException(
                        csv.file(),
                        row.line(),
                        timeName,
                        "'" + text + "' is not a time (ISO-8601, or M/d/yyyy h:mm AM/PM)");
            }
            double counts = csv.number(row, c);
            if (counts < 0) {
                throw new InputException(csv.file(), row.line(), countsCol, "negative counts " + counts);
            }
            if (previous != null) {
                long step = Duration.between(previous, when).getSeconds();
                if (step <= 0) {
                    throw new InputException(
                            csv.file(),
                            row.line(),
                            timeName,
                            "time " + text + " does not come after the previous line's");
                }
                epoch = Math.min(epoch, step);
            }
            previous = when;
            epochs.add(WearableEpoch.ofCounts(when, counts));
        }
        if (epochs.isEmpty()) {
            throw new InputException(csv.file(), 1, null, "no epochs after the header");
        }
        if (epoch == Long.MAX_VALUE) {
            epoch = 60;
        }
        if (epoch > 60 || 60 % epoch != 0) {
            throw new InputException(
                    csv.file(),
                    0,
                    timeName,
                    "epochs of " + epoch
                            + " s: only epochs that divide a minute (e.g. 10 s, 30 s, 60 s) can be scored");
        }
        return new Input(epochs, epoch);
    }

    static Instant instant(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        for (DateTimeFormatter f : List.of(LOCAL, ACTILIFE)) {
            try {
                return LocalDateTime.parse(text, f).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    /** The time zone of option --zone. */
    static ZoneId zone(String z) throws InputException {
        try {
            return ZoneId.of(z);
        } catch (RuntimeException e) {
            throw new InputException("option --zone: unknown time zone '" + z + "'");
        }
    }

    private static void writeFile(Path path, List<String> header, Iterable<List<String>> rows) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), CsvTable.OUTPUT)) {
            csv.printRecord(header);
            csv.printRecords(rows);
        }
    }

    static List<List<String>> epochRows(List<SleepWakeScore> scored) {
        return scored.stream()
                .map(e -> List.of(e.start().toString(), number(e.counts()), e.letter()))
                .toList();
    }

    static final List<String> PERIOD_COLUMNS = List.of(
            "sleep_algorithm",
            "in_bed_time",
            "out_bed_time",
            "onset",
            "efficiency",
            "latency",
            "duration",
            "total_sleep_time",
            "wake_after_onset",
            "nb_awakenings",
            "ave_awakening",
            "total_counts",
            "movement_index",
            "fragmentation_index",
            "sleep_fragmentation_index");

    static List<List<String>> periodRows(SleepWakeAlgorithm a, List<SleepPeriod> periods) {
        return periods.stream()
                .map(p -> List.of(
                        a.label(),
                        p.inBed().toString(),
                        p.outBed().toString(),
                        p.onset().toString(),
                        String.valueOf(p.efficiency()),
                        String.valueOf(p.latency()),
                        String.valueOf(p.duration()),
                        String.valueOf(p.totalSleepTime()),
                        String.valueOf(p.wakeAfterOnset()),
                        String.valueOf(p.awakenings()),
                        String.valueOf(p.averageAwakening()),
                        number(p.totalCounts()),
                        String.valueOf(p.movementIndex()),
                        String.valueOf(p.fragmentationIndex()),
                        String.valueOf(p.sleepFragmentationIndex())))
                .toList();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
