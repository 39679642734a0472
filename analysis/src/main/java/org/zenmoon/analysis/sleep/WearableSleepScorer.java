package org.zenmoon.analysis.sleep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.zenmoon.analysis.epoch.WearableEpoch;

/**
 * Sleep/wake for ZenMoon's own minute epochs. Movement decides first (Sadeh 1994 on the activity counts, which
 * the firmware reports on the ActiGraph axis-1 scale); heart rate can then veto sleep, because a still but awake
 * child keeps a day-time heart rate while sleep lowers it (the signal Walch et al. 2019, Sleep 42:zsz180, add to
 * motion). The veto: a minute scored asleep becomes wake when the mean heart rate of the 5 minutes centred on it
 * is more than {@code hrMarginBpm} above the child's sleeping reference, the median heart rate of all
 * movement-scored sleep minutes of the series. Minutes without heart rate keep the movement score.
 * Scoring restarts after every gap (a minute without activity), so no window reaches across a gap.
 */
public record WearableSleepScorer(double hrMarginBpm) {

    public static final WearableSleepScorer DEFAULT = new WearableSleepScorer(10);

    /** @param epochs minute epochs in time order; minutes without activity are left out of the result */
    public List<SleepWakeScore> score(List<WearableEpoch> epochs) {
        List<WearableEpoch> present =
                epochs.stream().filter(e -> e.activity() != null).toList();
        boolean[] asleep = new boolean[present.size()];
        int from = 0;
        for (int i = 1; i <= present.size(); i++) {
            boolean gap = i == present.size()
                    || !Duration.between(
                                    present.get(i - 1).start(), present.get(i).start())
                            .equals(Duration.ofMinutes(1));
            if (gap) {
                double[] c = new double[i - from];
                for (int k = from; k < i; k++) {
                    c[k - from] = present.get(k).activity();
                }
                System.arraycopy(SleepWakeAlgorithm.SADEH.asleep(c), 0, asleep, from, c.length);
                from = i;
            }
        }
        double reference = sleepingHeartRate(present, asleep);
        List<SleepWakeScore> out = new ArrayList<>(present.size());
        for (int i = 0; i < present.size(); i++) {
            boolean s = asleep[i];
            if (s && !Double.isNaN(reference)) {
                double hr = localMeanHr(present, i);
                if (!Double.isNaN(hr) && hr > reference + hrMarginBpm) {
                    s = false;
                }
            }
            out.add(new SleepWakeScore(present.get(i).start(), present.get(i).activity(), s));
        }
        return out;
    }

    private static double sleepingHeartRate(List<WearableEpoch> e, boolean[] asleep) {
        double[] hr = new double[e.size()];
        int n = 0;
        for (int i = 0; i < e.size(); i++) {
            Double h = e.get(i).heartRate();
            if (asleep[i] && h != null && Double.isFinite(h)) {
                hr[n++] = h;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[] v = Arrays.copyOf(hr, n);
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Mean heart rate of the minutes i-2..i+2 that are present and adjacent in time to minute i. */
    private static double localMeanHr(List<WearableEpoch> e, int i) {
        double sum = 0;
        int n = 0;
        for (int k = Math.max(0, i - 2); k <= Math.min(e.size() - 1, i + 2); k++) {
            long apart = Math.abs(
                    Duration.between(e.get(i).start(), e.get(k).start()).toMinutes());
            Double h = e.get(k).heartRate();
            if (apart <= 2 && h != null && Double.isFinite(h)) {
                sum += h;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
