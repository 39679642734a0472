package org.zenmoon.analysis.sleep;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.zenmoon.analysis.epoch.WearableEpoch;

/**
 * ActiLife's "10 sec to 60 sec" conversion: the activity counts of all short epochs whose start falls in the same
 * clock minute are summed into one minute epoch. A partial last minute is kept (ActiLife keeps it too: the
 * ActiSleepPlus recording ends 10 s short of a full minute and its 60-s export still has that minute).
 */
public final class MinuteCounts {

    private MinuteCounts() {}

    /**
     * @param epochs epochs of any length that divides a minute, each with activity counts, in strictly increasing
     *     time order
     * @return one epoch per clock minute that has data, holding only the summed activity counts, in time order;
     *     minutes without data are absent
     */
    public static List<WearableEpoch> sum(List<WearableEpoch> epochs) {
        List<WearableEpoch> out = new ArrayList<>();
        Instant minute = null;
        Instant previous = null;
        double sum = 0;
        for (WearableEpoch e : epochs) {
            if (previous != null && !e.start().isAfter(previous)) {
                throw new IllegalArgumentException(
                        "epochs must be in increasing time order: " + e.start() + " follows " + previous);
            }
            if (e.activity() == null) {
                throw new IllegalArgumentException("the epoch at " + e.start() + " has no activity counts");
            }
            previous = e.start();
            Instant m = e.start().truncatedTo(ChronoUnit.MINUTES);
            if (!m.equals(minute)) {
                if (minute != null) {
                    out.add(WearableEpoch.ofCounts(minute, sum));
                }
                minute = m;
                sum = 0;
            }
            sum += e.activity();
        }
        if (minute != null) {
            out.add(WearableEpoch.ofCounts(minute, sum));
        }
        return out;
    }
}
