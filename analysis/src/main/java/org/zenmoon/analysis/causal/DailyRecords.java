package org.zenmoon.analysis.causal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.SleepEpisode;

/**
 * Turns a child's stored minutes and detected sleep into the {@link DailyObservation}s that
 * {@link InterventionDesigns} analyses, one per local day on which the device recorded at least one minute.
 *
 * <ul>
 *   <li><b>Evening stress</b>: the mean stress of the awake minutes from {@link #EVENING_START} to
 *       {@link #EVENING_END} local time, where the generator, the alert rules and a counsellor all look for the
 *       effect of an after-school session. NaN below {@link #MIN_EVENING_MINUTES} such minutes: an evening the
 *       watch mostly spent on its charger says little about the evening. A minute is awake unless the device or
 *       a scorer said asleep, or it lies inside a detected sleep episode: a child who falls asleep at 21:00 has
 *       the low stress of sleep, which is not a calm evening.</li>
 *   <li><b>Sleep hours</b>: onset to wake of the main sleep that starts that evening, from
 *       {@link #NIGHT_START} that day to {@link #NIGHT_END} the next morning (the longest if several). Naps
 *       and truncated episodes (device off at onset or wake, so the length is unknown) are left out; NaN if
 *       none is left.</li>
 *   <li><b>Treated</b> and <b>school event</b>: whether the day is among the given local dates.</li>
 * </ul>
 */
public final class DailyRecords {

    /** The evening window starts here (inclusive), after school and after-school sessions. */
    public static final LocalTime EVENING_START = LocalTime.of(17, 0);
    /** The evening window ends here (exclusive), before most children of the age range are asleep. */
    public static final LocalTime EVENING_END = LocalTime.of(22, 0);
    /** At least one hour of the five-hour window, so that one short reading does not stand for an evening. */
    public static final int MIN_EVENING_MINUTES = 60;
    /** A night's main sleep starts at or after this time on the day ... */
    public static final LocalTime NIGHT_START = LocalTime.of(18, 0);
    /** ... and before this time on the next day. */
    public static final LocalTime NIGHT_END = LocalTime.of(6, 0);

    private DailyRecords() {}

    /**
     * @param minuteEpochs one-minute epochs in any order; their {@code stress} and {@code asleep} are read
     * @param episodes     the child's detected sleep episodes (all of them: naps and truncated ones mark minutes
     *                     as asleep too)
     * @param treatedDays  local dates with the intervention
     * @param schoolEventDays local dates with a school event of the child's cohort
     * @return one record per local date with at least one epoch, in date order
     */
    public static List<DailyObservation> of(
            String childId,
            List<WearableEpoch> minuteEpochs,
            List<SleepEpisode> episodes,
            Set<LocalDate> treatedDays,
            Set<LocalDate> schoolEventDays,
            ZoneId zone) {
        Objects.requireNonNull(childId, "childId");
        TreeMap<Instant, Instant> sleeping = new TreeMap<>();
        for (SleepEpisode e : episodes) {
            sleeping.merge(e.onset(), e.wake(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<LocalDate, double[]> evenings = new TreeMap<>(); // date -> {sum of stress, minutes}
        for (WearableEpoch e : minuteEpochs) {
            ZonedDateTime t = e.start().atZone(zone);
            double[] acc = evenings.computeIfAbsent(t.toLocalDate(), d -> new double[2]);
            LocalTime clock = t.toLocalTime();
            if (e.stress() != null
                    && !Boolean.TRUE.equals(e.asleep())
                    && !clock.isBefore(EVENING_START)
                    && clock.isBefore(EVENING_END)
                    && !insideSleep(sleeping, e.start())) {
                acc[0] += e.stress();
                acc[1]++;
            }
        }
        List<DailyObservation> out = new ArrayList<>(evenings.size());
        evenings.forEach((date, acc) -> out.add(new DailyObservation(
                childId,
                date,
                treatedDays.contains(date),
                acc[1] >= MIN_EVENING_MINUTES ? acc[0] / acc[1] : Double.NaN,
                sleepHours(date, episodes, zone),
                schoolEventDays.contains(date))));
        return out;
    }

    private static boolean insideSleep(TreeMap<Instant, Instant> sleeping, Instant t) {
        Map.Entry<Instant, Instant> e = sleeping.floorEntry(t);
        return e != null && t.isBefore(e.getValue());
    }

    private static double sleepHours(LocalDate date, List<SleepEpisode> episodes, ZoneId zone) {
        Instant from = date.atTime(NIGHT_START).atZone(zone).toInstant();
        Instant to = date.plusDays(1).atTime(NIGHT_END).atZone(zone).toInstant();
        Duration longest = null;
        for (SleepEpisode e : episodes) {
            if (e.kind() == SleepEpisode.Kind.MAIN
                    && !e.truncated()
                    && !e.onset().isBefore(from)
                    && e.onset().isBefore(to)
                    && (longest == null || e.length().compareTo(longest) > 0)) {
                longest = e.length();
            }
        }
        return longest == null ? Double.NaN : longest.getSeconds() / 3600.0;
    }
}
