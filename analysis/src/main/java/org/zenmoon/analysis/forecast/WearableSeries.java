package org.zenmoon.analysis.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.zenmoon.analysis.epoch.WearableEpoch;

/**
 * A child's minute epochs as the evenly spaced series the engine forecasts: hourly stress means (from
 * {@link WearableEpoch#stress()}) and nightly sleep duration (from {@link WearableEpoch#asleep()}). A slot with too
 * few observed minutes is missing; runs of at most {@code maxFilled} missing slots are interpolated and flagged,
 * and a longer run (the device was off) is never bridged: the series restarts after it.
 */
public final class WearableSeries {

    /** An hour needs at least this many observed minutes by default. */
    public static final int MIN_MINUTES_PER_HOUR = 30;
    /** Missing runs up to this many slots are interpolated by default. */
    public static final int MAX_FILLED = 3;

    private WearableSeries() {}

    /** Hourly means of the epochs' stress scores (hours aligned to UTC), with the default gap policy. */
    public static RegularSeries hourlyStress(List<WearableEpoch> epochs) {
        return hourlyStress(epochs, MIN_MINUTES_PER_HOUR, MAX_FILLED);
    }

    /** Hourly means of the epochs' stress scores; minutes without a stress score are not observed. */
    public static RegularSeries hourlyStress(List<WearableEpoch> epochs, int minMinutes, int maxFilled) {
        if (epochs.isEmpty()) {
            return new RegularSeries(Instant.EPOCH, Duration.ofHours(1), new double[0], new boolean[0], 0, "no epochs");
        }
        List<WearableEpoch> sorted = epochs.stream()
                .filter(e -> e.stress() != null)
                .sorted(Comparator.comparing(WearableEpoch::start))
                .toList();
        if (sorted.isEmpty()) {
            return new RegularSeries(
                    Instant.EPOCH,
                    Duration.ofHours(1),
                    new double[0],
                    new boolean[0],
                    0,
                    "no epochs with a stress score");
        }
        Instant first = sorted.get(0).start().truncatedTo(ChronoUnit.HOURS);
        Instant last = sorted.get(sorted.size() - 1).start().truncatedTo(ChronoUnit.HOURS);
        int slots = (int) Duration.between(first, last).toHours() + 1;
        double[] sum = new double[slots];
        int[] count = new int[slots];
        for (WearableEpoch e : sorted) {
            int i = (int) Duration.between(first, e.start().truncatedTo(ChronoUnit.HOURS))
                    .toHours();
            sum[i] += e.stress();
            count[i]++;
        }
        double[] v = new double[slots];
        for (int i = 0; i < slots; i++) {
            v[i] = count[i] >= minMinutes ? sum[i] / count[i] : Double.NaN;
        }
        return resolveGaps(first, Duration.ofHours(1), v, maxFilled);
    }

    /**
     * Nightly sleep duration in hours: the asleep minutes between noon and noon (local time), labelled by the
     * evening's date. Minutes without a sleep state are not observed. A night needs {@code minNightMinutes}
     * observed minutes between 20:00 and 10:00, else it is missing; single missing nights are interpolated, longer
     * runs restart the series.
     */
    public static RegularSeries nightlySleep(List<WearableEpoch> epochs, ZoneId zone, int minNightMinutes) {
        if (epochs.isEmpty()) {
            return new RegularSeries(Instant.EPOCH, Duration.ofDays(1), new double[0], new boolean[0], 0, "no epochs");
        }
        List<WearableEpoch> sorted = epochs.stream()
                .filter(e -> e.asleep() != null)
                .sorted(Comparator.comparing(WearableEpoch::start))
                .toList();
        if (sorted.isEmpty()) {
            return new RegularSeries(
                    Instant.EPOCH,
                    Duration.ofDays(1),
                    new double[0],
                    new boolean[0],
                    0,
                    "no epochs with a sleep state");
        }
        LocalDate firstNight = nightOf(sorted.get(0).start(), zone);
        LocalDate lastNight = nightOf(sorted.get(sorted.size() - 1).start(), zone);
        int slots = (int) ChronoUnit.DAYS.between(firstNight, lastNight) + 1;
        double[] asleep = new double[slots];
        int[] observedNight = new int[slots];
        for (WearableEpoch e : sorted) {
            ZonedDateTime z = e.start().atZone(zone);
            int i = (int) ChronoUnit.DAYS.between(firstNight, nightOf(e.start(), zone));
            if (e.asleep()) {
                asleep[i] += 1.0 / 60;
            }
            LocalTime lt = z.toLocalTime();
            if (!lt.isBefore(LocalTime.of(20, 0)) || lt.isBefore(LocalTime.of(10, 0))) {
                observedNight[i]++;
            }
        }
        double[] v = new double[slots];
        for (int i = 0; i < slots; i++) {
            v[i] = observedNight[i] >= minNightMinutes ? asleep[i] : Double.NaN;
        }
        Instant start = firstNight.atTime(LocalTime.NOON).atZone(zone).toInstant();
        return resolveGaps(start, Duration.ofDays(1), v, 1);
    }

    private static LocalDate nightOf(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        return z.toLocalTime().isBefore(LocalTime.NOON) ? z.toLocalDate().minusDays(1) : z.toLocalDate();
    }

    /** Any evenly spaced series with NaN for missing slots, with the default gap policy. */
    public static RegularSeries regular(Instant start, Duration step, double[] values) {
        return resolveGaps(start, step, values.clone(), MAX_FILLED);
    }

    /** Interpolates short missing runs, restarts after long ones and drops missing slots at either end. */
    static RegularSeries resolveGaps(Instant start, Duration step, double[] v, int maxFilled) {
        int lo = 0;
        int hi = v.length - 1;
        while (hi >= 0 && Double.isNaN(v[hi])) {
            hi--;
        }
        // the last long gap: the series restarts after it
        int run = 0;
        int longGaps = 0;
        for (int i = 0; i <= hi; i++) {
            if (Double.isNaN(v[i])) {
                run++;
            } else {
                if (run > maxFilled) {
                    lo = i;
                    longGaps++;
                }
                run = 0;
            }
        }
        while (lo <= hi && Double.isNaN(v[lo])) {
            lo++;
        }
        if (lo > hi) {
            return new RegularSeries(start, step, new double[0], new boolean[0], v.length, "no observed slot");
        }
        double[] out = new double[hi - lo + 1];
        boolean[] imputed = new boolean[out.length];
        int prev = -1;
        for (int i = 0; i < out.length; i++) {
            double x = v[lo + i];
            if (!Double.isNaN(x)) {
                for (int j = prev + 1; j < i; j++) {
                    double w = (j - prev) / (double) (i - prev);
                    out[j] = (1 - w) * out[prev] + w * x;
                    imputed[j] = true;
                }
                out[i] = x;
                prev = i;
            }
        }
        int discarded = lo + (v.length - 1 - hi);
        StringBuilder note = new StringBuilder();
        int filled = 0;
        for (boolean b : imputed) {
            filled += b ? 1 : 0;
        }
        if (filled > 0) {
            note.append(filled).append(" missing slot(s) in short gaps interpolated");
        }
        if (longGaps > 0) {
            note.append(note.length() > 0 ? "; " : "")
                    .append("history restarts after a gap longer than ")
                    .append(maxFilled)
                    .append(" slot(s); ")
                    .append(lo)
                    .append(" earlier slot(s) not used");
        }
        return new RegularSeries(
                start.plus(step.multipliedBy(lo)),
                step,
                out,
                imputed,
                discarded,
                note.length() == 0 ? "complete" : note.toString());
    }
}
