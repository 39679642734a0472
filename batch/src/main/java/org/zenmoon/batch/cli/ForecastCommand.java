package org.zenmoon.batch.cli;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.zenmoon.analysis.forecast.ForecastEngine;
import org.zenmoon.analysis.forecast.ForecastOutcome;
import org.zenmoon.analysis.forecast.ForecastSpec;
import org.zenmoon.analysis.forecast.RegularSeries;
import org.zenmoon.analysis.forecast.WearableSeries;
import org.zenmoon.analysis.forecast.evaluation.Holdout;
import org.zenmoon.analysis.forecast.evaluation.M4Accuracy;
import org.zenmoon.analysis.forecast.evaluation.M4Evaluation;
import org.zenmoon.analysis.forecast.evaluation.NonFiniteMetricException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecast}: automatic forecasts with 80% and 95% intervals for M4-format series or one time series, and with
 * {@code --test} the M4 accuracy measures (sMAPE, MASE, OWA against Naive2, MSIS, interval coverage).
 */
@Command(
        name = "forecast",
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Automatic forecasts with 80%% and 95%% intervals for M4-format series (--m4) or one time series (--series);"
                    + " give exactly one of the two.",
            "Forecast CSV (id/t, step, mean, lo80, hi80, lo95, hi95, model) to --out, else to standard output. With"
                    + " --test: the M4 measures (sMAPE, MASE, OWA against Naive2, MSIS, coverage) as JSON on standard"
                    + " output, and the CSV only with --out."
        })
public final class ForecastCommand implements Callable<Integer> {

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--m4", paramLabel = "TRAIN.csv", description = "M4 wide format: V1 is the id, values follow.")
    Path trainPath;

    @Option(names = "--test", paramLabel = "TEST.csv", description = "--m4: the actual values, to score the forecasts.")
    Path testPath;

    @Option(
            names = "--series",
            paramLabel = "FILE",
            description = "One time series; missing times and empty or NA values are gaps.")
    Path seriesPath;

    @Option(names = "--time-col", paramLabel = "C", description = "--series: the ISO-8601 time column.")
    String timeCol;

    @Option(names = "--value-col", paramLabel = "C", description = "--series: the value column.")
    String valueCol;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "Steps to forecast.")
    int horizon;

    @Option(
            names = "--season",
            paramLabel = "M",
            description = "Season length in steps; required with --m4, 24 for --series by default.")
    Integer season;

    @Option(
            names = "--long-season",
            paramLabel = "L",
            description = "A second, longer season; 168 when --season is 24 (weekly rhythm in hourly data), else"
                    + " none (0).")
    Integer longSeason;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Writes the forecasts to this CSV file.")
    Path outPath;

    @Override
    public Integer call() throws InputException, Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        if (horizon < 1) {
            throw new InputException("option --horizon must be at least 1");
        }
        if ((trainPath != null) == (seriesPath != null)) {
            throw new InputException("give exactly one of --m4 TRAIN.csv or --series FILE");
        }
        int m = season != null ? season : trainPath != null ? -1 : 24;
        if (m < 1) {
            throw new InputException("option --season is required with --m4 and must be at least 1");
        }
        int l = longSeason != null ? longSeason : m == 24 ? 168 : 0;
        if (l < 0) {
            throw new InputException("option --long-season must not be negative");
        }
        ForecastSpec spec = ForecastSpec.automatic(horizon, m, l);
        return trainPath != null ? runM4(spec, out) : runSeries(spec, out);
    }

    private int runM4(ForecastSpec spec, PrintWriter out) throws InputException, IOException {
        Path trainFile = CsvTable.readable(trainPath, "--m4");
        List<M4Series> train = readM4(trainFile);
        int h = spec.horizon();
        List<Holdout> holdouts = null;
        if (testPath != null) {
            Path testFile = CsvTable.readable(testPath, "--test");
            Map<String, M4Series> byId = new HashMap<>();
            readM4(testFile).forEach(s -> byId.put(s.id(), s));
            holdouts = new ArrayList<>(train.size());
            for (M4Series s : train) {
                M4Series t = byId.get(s.id());
                if (t == null) {
                    throw new InputException(
                            testFile, 0, "V1", "series '" + s.id() + "' of " + trainFile + " is missing");
                }
                if (t.values().length < h) {
                    throw new InputException(
                            testFile,
                            t.line(),
                            "V" + (t.values().length + 2),
                            "series '" + s.id() + "' has " + t.values().length + " test values, the horizon is " + h);
                }
                holdouts.add(new Holdout(s.id(), s.values(), Arrays.copyOf(t.values(), h)));
            }
        }
        List<ForecastOutcome> outcomes = train.parallelStream()
                .map(s -> ForecastEngine.forecast(s.values(), spec))
                .toList();
        // scored before anything is written, so that unusable input leaves no forecasts file behind
        String accuracy = holdouts == null ? null : accuracyJson(score(trainFile, train, holdouts, outcomes, spec));

        if (outPath != null || accuracy == null) {
            writeCsv(out, csv -> {
                csv.printRecord(M4_COLUMNS);
                for (int i = 0; i < train.size(); i++) {
                    writeRows(csv, train.get(i).id(), null, outcomes.get(i), h);
                }
            });
        }
        if (accuracy != null) {
            out.println(accuracy);
        }
        return 0;
    }

    /**
     * The engine's M4 evaluation of the forecasts; a measure that is not finite (such as MASE of a training series
     * that repeats exactly every season, whose scale is 0) is unusable input naming the series' line.
     */
    private static M4Accuracy score(
            Path trainFile,
            List<M4Series> train,
            List<Holdout> holdouts,
            List<ForecastOutcome> outcomes,
            ForecastSpec spec)
            throws InputException {
        if (outcomes.stream().noneMatch(ForecastOutcome.Forecast.class::isInstance)) {
            ForecastOutcome.InsufficientHistory first = (ForecastOutcome.InsufficientHistory) outcomes.get(0);
            throw new InputException(
                    trainFile,
                    0,
                    null,
                    "no series has enough history to be forecast, so there is nothing to score (series '"
                            + train.get(0).id() + "': " + first.available() + " values, " + first.required()
                            + " needed)");
        }
        try {
            return M4Evaluation.evaluate(holdouts, outcomes, spec.period());
        } catch (NonFiniteMetricException e) {
            long line = train.stream()
                    .filter(s -> s.id().equals(e.seriesId()))
                    .mapToLong(M4Series::line)
                    .findFirst()
                    .orElse(0);
            throw new InputException(trainFile, line, null, e.getMessage());
        }
    }

    /** The M4 measures as JSON, rounded to 4 decimals. */
    private static String accuracyJson(M4Accuracy a) {
        JsonObjectBuilder models = Json.createObjectBuilder();
        new TreeMap<>(a.models()).forEach(models::add);
        JsonObjectBuilder j = Json.createObjectBuilder()
                .add("series", a.series())
                .add("evaluated", a.evaluated())
                .add("insufficientHistory", a.insufficientHistory().size())
                .add("horizon", a.horizon())
                .add("season", a.period())
                .add("smape", round(a.forecast().smape()))
                .add("mase", round(a.forecast().mase()))
                .add("owa", round(a.owa()))
                .add("msis", round(a.msis()))
                .add("coverage95", round(a.coverage95()))
                .add("coverage80", round(a.coverage80()))
                .add(
                        "naive2",
                        Json.createObjectBuilder()
                                .add("smape", round(a.naive2().smape()))
                                .add("mase", round(a.naive2().mase())))
                .add(
                        "snaive",
                        Json.createObjectBuilder()
                                .add("smape", round(a.seasonalNaive().smape()))
                                .add("mase", round(a.seasonalNaive().mase()))
                                .add("owa", round(a.seasonalNaiveOwa())))
                .add("models", models);
        return AnalyticsTool.prettyJson(j.build());
    }

    /** The columns of the forecasts CSV of --m4; --series has {@code t} (the time) instead of {@code id}. */
    private static final List<String> M4_COLUMNS =
            List.of("id", "step", "mean", "lo80", "hi80", "lo95", "hi95", "model");

    private static final List<String> SERIES_COLUMNS =
            List.of("t", "step", "mean", "lo80", "hi80", "lo95", "hi95", "model");

    /** Rows for a CSV printer, which may fail with an IOException. */
    @FunctionalInterface
    private interface CsvRows {
        void print(CSVPrinter csv) throws IOException;
    }

    /** Prints the forecasts CSV (RFC 4180, quoted where needed) to --out, or else to standard output. */
    private void writeCsv(PrintWriter out, CsvRows rows) throws IOException {
        if (outPath != null) {
            try (CSVPrinter csv =
                    new CSVPrinter(Files.newBufferedWriter(outPath, StandardCharsets.UTF_8), CsvTable.OUTPUT)) {
                rows.print(csv);
            }
        } else {
            CSVPrinter csv = new CSVPrinter(out, CsvTable.OUTPUT); // not closed: that would close standard output
            rows.print(csv);
            csv.flush();
        }
    }

    /**
     * The {@code h} rows of one forecast (keyed by the series id, or by the time of each step when {@code times} is
     * given), or one row saying the history is too short.
     */
    private static void writeRows(CSVPrinter csv, String id, List<Instant> times, ForecastOutcome outcome, int h)
            throws IOException {
        if (outcome instanceof ForecastOutcome.Forecast f) {
            for (int k = 0; k < h; k++) {
                csv.printRecord(
                        times == null ? id : times.get(k).toString(),
                        k + 1,
                        num(f.mean()[k]),
                        num(f.lo80()[k]),
                        num(f.hi80()[k]),
                        num(f.lo95()[k]),
                        num(f.hi95()[k]),
                        f.model());
            }
        } else {
            ForecastOutcome.InsufficientHistory ih = (ForecastOutcome.InsufficientHistory) outcome;
            // null, not "": an empty first value would be quoted
            csv.printRecord(
                    times == null ? id : null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "insufficient_history (" + ih.available() + " of " + ih.required() + " values)");
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Rounded to 4 decimals; the engine guarantees finite measures, and a non-finite one is never printed. */
    private static double round(double v) {
        if (!Double.isFinite(v)) {
            throw new ArithmeticException("a measure is " + v);
        }
        return Math.round(v * 1e4) / 1e4;
    }

    /**
     * One row of an M4 wide file: the id, the line it is on (for error messages; the engine's own M4 reader does not
     * keep it) and its values (trailing empty cells dropped).
     */
    record M4Series(String id, long line, double[] values) {}

    static List<M4Series> readM4(Path file) throws InputException {
        CsvTable csv = CsvTable.read(file);
        if (csv.header().isEmpty() || !csv.header().get(0).equals("V1")) {
            throw new InputException(
                    file,
                    1,
                    csv.header().isEmpty() ? null : csv.header().get(0),
                    "an M4 file starts with the header V1,V2,...");
        }
        List<M4Series> series = new ArrayList<>();
        for (CsvTable.Row row : csv.rows()) {
            List<String> cells = row.values();
            int last = cells.size() - 1;
            while (last > 0 && cells.get(last).isBlank()) {
                last--;
            }
            if (last < 1) {
                throw new InputException(
                        file, row.line(), "V2", "series '" + cells.get(0).trim() + "' has no values");
            }
            double[] v = new double[last];
            for (int c = 1; c <= last; c++) {
                String t = cells.get(c).trim();
                String col = c < csv.header().size() ? csv.header().get(c) : "V" + (c + 1);
                if (t.isEmpty()) {
                    throw new InputException(file, row.line(), col, "empty value inside the series");
                }
                try {
                    v[c - 1] = Double.parseDouble(t);
                } catch (NumberFormatException ex) {
                    throw new InputException(file, row.line(), col, "'" + t + "' is not a number");
                }
                if (!Double.isFinite(v[c - 1])) {
                    throw new InputException(file, row.line(), col, "'" + t + "' is not a finite number");
                }
            }
            series.add(new M4Series(cells.get(0).trim(), row.line(), v));
        }
        if (series.isEmpty()) {
            throw new InputException(file, 2, null, "no series");
        }
        return series;
    }

    private int runSeries(ForecastSpec spec, PrintWriter out) throws InputException, IOException {
        Path file = CsvTable.readable(seriesPath, "--series");
        if (timeCol == null) {
            throw new InputException("option --time-col is required with --series");
        }
        if (valueCol == null) {
            throw new InputException("option --value-col is required with --series");
        }
        CsvTable csv = CsvTable.read(file);
        int tc = csv.column(timeCol);
        int vc = csv.column(valueCol);
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Instant prev = null;
        for (CsvTable.Row row : csv.rows()) {
            Instant t = parseTime(csv, row, tc);
            if (prev != null && !t.isAfter(prev)) {
                throw new InputException(
                        file,
                        row.line(),
                        csv.header().get(tc),
                        "time " + t + " is not after the previous row's " + prev + " (rows must be in time order)");
            }
            prev = t;
            String raw = csv.text(row, vc);
            times.add(t);
            values.add(raw.isEmpty() || raw.equalsIgnoreCase("NA") ? Double.NaN : csv.number(row, vc));
        }
        if (times.size() < 2) {
            throw new InputException(file, 0, null, "at least two rows are needed");
        }
        Duration step = mostCommonStep(times);
        int slots = (int) (Duration.between(times.get(0), times.get(times.size() - 1))
                                .toSeconds()
                        / step.toSeconds())
                + 1;
        double[] v = new double[slots];
        Arrays.fill(v, Double.NaN);
        for (int i = 0; i < times.size(); i++) {
            long off = Duration.between(times.get(0), times.get(i)).toSeconds();
            if (off % step.toSeconds() == 0) {
                v[(int) (off / step.toSeconds())] = values.get(i);
            }
        }
        RegularSeries series = WearableSeries.regular(times.get(0), step, v);
        ForecastOutcome outcome = ForecastEngine.forecast(series.values(), spec);
        List<Instant> ahead = new ArrayList<>();
        for (int k = 0; k < spec.horizon(); k++) {
            ahead.add(series.next().plus(step.multipliedBy(k)));
        }
        writeCsv(out, printer -> {
            printer.printRecord(SERIES_COLUMNS);
            writeRows(printer, null, ahead, outcome, spec.horizon());
        });
        if (outPath != null) {
            out.println(Json.createObjectBuilder()
                    .add("model", outcome instanceof ForecastOutcome.Forecast f ? f.model() : "insufficient_history")
                    .add("values", series.values().length)
                    .add("gaps", series.note())
                    .build());
        }
        return 0;
    }

    private static Instant parseTime(CsvTable csv, CsvTable.Row row, int col) throws InputException {
        String t = csv.text(row, col);
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new InputException(
                        csv.file(), row.line(), csv.header().get(col), "'" + t + "' is not an ISO-8601 time");
            }
        }
    }

    private static Duration mostCommonStep(List<Instant> times) {
        Map<Duration, Integer> counts = new HashMap<>();
        for (int i = 1; i < times.size(); i++) {
            counts.merge(Duration.between(times.get(i - 1), times.get(i)), 1, Integer::sum);
        }
        // the most frequent spacing; on a tie the shorter one
        return counts.entrySet().stream()
                .max((a, b) -> a.getValue().equals(b.getValue())
                        ? b.getKey().compareTo(a.getKey())
                        : Integer.compare(a.getValue(), b.getValue()))
                .orElseThrow()
                .getKey();
    }
}
