package org.zenmoon.analysis.sleep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zenmoon.analysis.epoch.WearableEpoch;

/**
 * Sleep/wake scoring of consecutive one-minute activity counts, as ActiLife computes it (checked epoch by epoch
 * against ActiLife's own exports in ../shared/data/actigraphy_sleepr). Epochs outside the series count as zero.
 */
public enum SleepWakeAlgorithm {

    /**
     * Sadeh A, Sharkey KM, Carskadon MA. Activity-based sleep-wake identification: an empirical test of
     * methodological issues. Sleep 1994;17:201-207. Counts capped at 300; 11-minute centred window.
     */
    SADEH {
        @Override
        public boolean[] asleep(double[] counts) {
            int n = counts.length;
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = Math.min(counts[i], 300);
            }
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                int nats = 0;
                for (int j = i - 5; j <= i + 5; j++) {
                    double v = j >= 0 && j < n ? c[j] : 0;
                    sum += v;
                    if (v >= 50 && v < 100) {
                        nats++;
                    }
                }
                double mean = sum / 11;
                // Sample standard deviation of the current and the five preceding epochs.
                double m6 = 0;
                for (int j = i - 5; j <= i; j++) {
                    m6 += j >= 0 ? c[j] : 0;
                }
                m6 /= 6;
                double ss = 0;
                for (int j = i - 5; j <= i; j++) {
                    double d = (j >= 0 ? c[j] : 0) - m6;
                    ss += d * d;
                }
                double sd = Math.sqrt(ss / 5);
                double ps = 7.601 - 0.065 * mean - 1.08 * nats - 0.056 * sd - 0.703 * Math.log(c[i] + 1);
                out[i] = ps > -4;
            }
            return out;
        }
    },

    /**
     * Cole RJ, Kripke DF, Gruen W, Mullaney DJ, Gillin JC. Automatic sleep/wake identification from wrist
     * activity. Sleep 1992;15:461-469, with ActiLife's scaling for ActiGraph counts: counts / 100, capped at 300.
     */
    COLE_KRIPKE {
        private static final double[] WEIGHTS = {106, 54, 58, 76, 230, 74, 67};

        @Override
        public boolean[] asleep(double[] counts) {
            int n = counts.length;
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < WEIGHTS.length; k++) {
                    int j = i + k - 4;
                    if (j >= 0 && j < n) {
                        s += WEIGHTS[k] * Math.min(counts[j] / 100, 300);
                    }
                }
                out[i] = 0.001 * s < 1;
            }
            return out;
        }
    };

    /** @return for each minute, whether it is scored asleep */
    public abstract boolean[] asleep(double[] counts);

    /**
     * Scores minute epochs in time order by their activity counts. A missing minute (device off, or a gap in the
     * file) splits the series: each run of consecutive minutes is scored on its own, with zeros beyond its ends as
     * ActiLife pads them. Every epoch must have activity counts: leave device-off minutes out.
     */
    public List<SleepWakeScore> score(List<WearableEpoch> minutes) {
        List<SleepWakeScore> out = new ArrayList<>(minutes.size());
        int from = 0;
        for (int i = 1; i <= minutes.size(); i++) {
            if (i == minutes.size()
                    || !Duration.between(
                                    minutes.get(i - 1).start(), minutes.get(i).start())
                            .equals(Duration.ofMinutes(1))) {
                double[] c = new double[i - from];
                for (int k = from; k < i; k++) {
                    c[k - from] = activity(minutes.get(k));
                }
                boolean[] s = asleep(c);
                for (int k = from; k < i; k++) {
                    out.add(new SleepWakeScore(minutes.get(k).start(), c[k - from], s[k - from]));
                }
                from = i;
            }
        }
        return out;
    }

    private static double activity(WearableEpoch e) {
        if (e.activity() == null) {
            throw new IllegalArgumentException("the minute at " + e.start() + " has no activity counts");
        }
        return e.activity();
    }

    /** The name used on the command line and in output: {@code sadeh} or {@code cole-kripke}. */
    public String label() {
        return this == SADEH ? "sadeh" : "cole-kripke";
    }

    public static SleepWakeAlgorithm fromLabel(String label) {
        for (SleepWakeAlgorithm a : values()) {
            if (a.label().equalsIgnoreCase(label) || a.name().equalsIgnoreCase(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + label + "' (known: sadeh, cole-kripke)");
    }
}
