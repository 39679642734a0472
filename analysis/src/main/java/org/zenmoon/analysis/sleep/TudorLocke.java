package org.zenmoon.analysis.sleep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tudor-Locke C, Barreira TV, Schuna JM Jr et al. Fully automated waist-worn accelerometer algorithm for
 * detecting children's sleep-period time separate from 24-h physical activity or sedentary behaviors.
 * Appl Physiol Nutr Metab 2014;39:53-57, as ActiLife applies it to Sadeh or Cole-Kripke scores: a period starts at
 * the first of {@code bedtimeStart} consecutive sleep minutes and ends at the first of {@code wakeTimeEnd}
 * consecutive wake minutes; it is kept when its length is within [min, max] minutes and it has at least
 * {@code minNonzeroEpochs} minutes with counts. A period the recording cuts off (no closing wake run) is dropped,
 * as ActiLife drops it. A gap in the minutes (device off) closes the search: no period spans a gap.
 */
public record TudorLocke(
        int bedtimeStart, int wakeTimeEnd, int minSleepPeriod, int maxSleepPeriod, int minNonzeroEpochs) {

    /** ActiLife's "Tudor-Locke Default". */
    public static final TudorLocke DEFAULT = new TudorLocke(5, 10, 160, 1440, 0);

    public TudorLocke {
        if (bedtimeStart < 1
                || wakeTimeEnd < 1
                || minSleepPeriod < 1
                || maxSleepPeriod < minSleepPeriod
                || minNonzeroEpochs < 0) {
            throw new IllegalArgumentException("invalid Tudor-Locke parameters");
        }
    }

    /** @param epochs scored minutes in time order (gaps allowed) */
    public List<SleepPeriod> detect(List<SleepWakeScore> epochs) {
        List<SleepPeriod> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= epochs.size(); i++) {
            boolean gap = i == epochs.size()
                    || !Duration.between(
                                    epochs.get(i - 1).start(), epochs.get(i).start())
                            .equals(Duration.ofMinutes(1));
            if (gap) {
                detectContiguous(epochs.subList(from, i), out);
                from = i;
            }
        }
        return out;
    }

    private void detectContiguous(List<SleepWakeScore> e, List<SleepPeriod> out) {
        int n = e.size();
        int i = 0;
        while (i < n) {
            int start = firstRun(e, i, true, bedtimeStart);
            if (start < 0) {
                return;
            }
            int end = firstRun(e, start, false, wakeTimeEnd);
            if (end < 0) {
                return; // cut off by the end of the recording
            }
            int length = end - start;
            int nonzero = 0;
            for (int k = start; k < end; k++) {
                if (e.get(k).counts() > 0) {
                    nonzero++;
                }
            }
            if (length >= minSleepPeriod && length <= maxSleepPeriod && nonzero >= minNonzeroEpochs) {
                out.add(describe(e, start, end, nonzero));
            }
            i = end;
        }
    }

    /** The first index at or after {@code from} that starts {@code length} consecutive epochs of the state. */
    private static int firstRun(List<SleepWakeScore> e, int from, boolean asleep, int length) {
        int run = 0;
        for (int k = from; k < e.size(); k++) {
            run = e.get(k).asleep() == asleep ? run + 1 : 0;
            if (run == length) {
                return k - length + 1;
            }
        }
        return -1;
    }

    private static SleepPeriod describe(List<SleepWakeScore> e, int start, int end, int nonzero) {
        int duration = end - start;
        int sleep = 0;
        int awakenings = 0;
        int sleepBouts = 0;
        int oneMinuteSleepBouts = 0;
        double counts = 0;
        int k = start;
        while (k < end) {
            boolean state = e.get(k).asleep();
            int runStart = k;
            while (k < end && e.get(k).asleep() == state) {
                counts += e.get(k).counts();
                k++;
            }
            int run = k - runStart;
            if (state) {
                sleep += run;
                sleepBouts++;
                if (run == 1) {
                    oneMinuteSleepBouts++;
                }
            } else {
                awakenings++;
            }
        }
        int waso = duration - sleep;
        double movement = round3(100.0 * nonzero / duration);
        double fragmentation = sleepBouts == 0 ? 0 : round3(100.0 * oneMinuteSleepBouts / sleepBouts);
        return new SleepPeriod(
                e.get(start).start(),
                e.get(start).start().plus(Duration.ofMinutes(duration)),
                e.get(start).start(),
                0,
                duration,
                sleep,
                waso,
                awakenings,
                awakenings == 0 ? 0 : Math.round(100.0 * waso / awakenings) / 100.0,
                counts,
                Math.round(10000.0 * sleep / duration) / 100.0,
                movement,
                fragmentation,
                round3(movement + fragmentation));
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
