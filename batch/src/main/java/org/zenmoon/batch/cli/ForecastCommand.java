package org.zenmoon.batch.cli;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
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
import java.util.stream.IntStream;
import org.zenmoon.analysis.forecast.Benchmarks;
import org.zenmoon.analysis.forecast.ForecastEngine;
import org.zenmoon.analysis.forecast.ForecastOutcome;
import org.zenmoon.analysis.forecast.ForecastSpec;
import org.zenmoon.analysis.forecast.Metrics;
import org.zenmoon.analysis.forecast.RegularSeries;
import org.zenmoon.analysis.forecast.WearableSeries;
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
        List<M4Series> test = null;
        int h = spec.horizon();
        if (testPath != null) {
            Path testFile = CsvTable.readable(testPath, "--test");
            test = readM4(testFile);
            Map<String, M4Series> byId = new HashMap<>();
            test.forEach(s -> byId.put(s.id(), s));
            List<M4Series> aligned = new ArrayList<>();
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
                aligned.add(t);
            }
            test = aligned;
        }
        ForecastOutcome[] outcomes = new ForecastOutcome[train.size()];
        IntStream.range(0, train.size())
                .parallel()
                .forEach(i -> outcomes[i] = ForecastEngine.forecast(train.get(i).values(), spec));

        Writer csv = null;
        if (outPath != null) {
            csv = Files.newBufferedWriter(outPath, StandardCharsets.UTF_8);
        } else if (test == null) {
            csv = out;
        }
        if (csv != null) {
            csv.write("id,step,mean,lo80,hi80,lo95,hi95,model\n");
            for (int i = 0; i < train.size(); i++) {
                writeRows(csv, train.get(i).id(), null, outcomes[i], h);
            }
            csv.flush();
            if (outPath != null) {
                csv.close();
            }
        }
        if (test != null) {
            out.println(evaluate(train, test, outcomes, spec));
        }
        return 0;
    }

    private static void writeRows(Writer csv, String id, List<Instant> times, ForecastOutcome outcome, int h)
            throws IOException {
        if (outcome instanceof ForecastOutcome.Forecast f) {
            for (int k = 0; k < h; k++) {
                csv.write((times == null ? id + "," + (k + 1) : times.get(k) + "," + (k + 1)) + "," + num(f.mean()[k])
                        + "," + num(f.lo80()[k]) + "," + num(f.hi80()[k]) + "," + num(f.lo95()[k]) + ","
                        + num(f.hi95()[k]) + "," + f.model() + "\n");
            }
        } else {
            ForecastOutcome.InsufficientHistory ih = (ForecastOutcome.InsufficientHistory) outcome;
            csv.write((times == null ? id : "") + ",,,,,,,insufficient_history (" + ih.available() + " of "
                    + ih.required() + " values)\n");
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** The M4 measures: per series, then averaged over series; OWA against Naive2 on the same data. */
    private static String evaluate(
            List<M4Series> train, List<M4Series> test, ForecastOutcome[] outcomes, ForecastSpec spec) {
        int h = spec.horizon();
        int m = spec.period();
        double smape = 0;
        double mase = 0;
        double msis = 0;
        double n2Smape = 0;
        double n2Mase = 0;
        double snSmape = 0;
        double snMase = 0;
        long cov95 = 0;
        long cov80 = 0;
        int evaluated = 0;
        Map<String, Integer> models = new TreeMap<>();
        int insufficient = 0;
        for (int i = 0; i < train.size(); i++) {
            double[] y = train.get(i).values();
            double[] a = Arrays.copyOf(test.get(i).values(), h);
            if (!(outcomes[i] instanceof ForecastOutcome.Forecast f)) {
                insufficient++;
                continue;
            }
            evaluated++;
            models.merge(f.model(), 1, Integer::sum);
            smape += Metrics.smape(a, f.mean());
            mase += Metrics.mase(y, a, f.mean(), m);
            msis += Metrics.msis(y, a, f.lo95(), f.hi95(), 0.05, m);
            cov95 += Metrics.covered(a, f.lo95(), f.hi95());
            cov80 += Metrics.covered(a, f.lo80(), f.hi80());
            double[] n2 = new Benchmarks.Naive2(m).forecast(y, h);
            n2Smape += Metrics.smape(a, n2);
            n2Mase += Metrics.mase(y, a, n2, m);
            double[] sn = new Benchmarks.SeasonalNaive(m).forecast(y, h);
            snSmape += Metrics.smape(a, sn);
            snMase += Metrics.mase(y, a, sn, m);
        }
        int e = Math.max(evaluated, 1);
        JsonObjectBuilder models2 = Json.createObjectBuilder();
        models.forEach(models2::add);
        JsonObjectBuilder j = Json.createObjectBuilder()
                .add("series", train.size())
                .add("evaluated", evaluated)
                .add("insufficientHistory", insufficient)
                .add("horizon", h)
                .add("season", m)
                .add("smape", round(smape / e))
                .add("mase", round(mase / e))
                .add("owa", round(Metrics.owa(smape / e, mase / e, n2Smape / e, n2Mase / e)))
                .add("msis", round(msis / e))
                .add("coverage95", round(cov95 / (double) (e * h)))
                .add("coverage80", round(cov80 / (double) (e * h)))
                .add(
                        "naive2",
                        Json.createObjectBuilder()
                                .add("smape", round(n2Smape / e))
                                .add("mase", round(n2Mase / e)))
                .add(
                        "snaive",
                        Json.createObjectBuilder()
                                .add("smape", round(snSmape / e))
                                .add("mase", round(snMase / e))
                                .add("owa", round(Metrics.owa(snSmape / e, snMase / e, n2Smape / e, n2Mase / e))))
                .add("models", models2);
        StringWriter sw = new StringWriter();
        try (var g = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(sw)) {
            g.write(j.build());
        }
        return sw.toString().trim();
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : -1;
    }

    /** One row of an M4 wide file: the id and its values (trailing empty cells dropped). */
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
        Writer w = outPath != null ? Files.newBufferedWriter(outPath, StandardCharsets.UTF_8) : out;
        w.write("t,step,mean,lo80,hi80,lo95,hi95,model\n");
        writeRows(w, null, ahead, outcome, spec.horizon());
        w.flush();
        if (outPath != null) {
            w.close();
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
