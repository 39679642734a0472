package org.zenmoon.analysis.sleep;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * ActiLife's "10 sec to 60 sec" conversion: the counts of all short epochs whose start falls in the same clock
 * minute are summed into one minute epoch. A partial last minute is kept (ActiLife keeps it too: the
 * ActiSleepPlus recording ends 10 s short of a full minute and its 60-s export still has that minute).
 */
public final class EpochAggregation {

    private EpochAggregation() {}

    /**
     * @param epochs epochs of any length that divides a minute, in strictly increasing time order
     * @return one epoch per clock minute that has data, in time order; minutes without data are absent
     */
    public static List<CountEpoch> toMinutes(List<CountEpoch> epochs) {
        List<CountEpoch> out = new ArrayList<>();
        Instant minute = null;
        Instant previous = null;
        double sum = 0;
        for (CountEpoch e : epochs) {
            if (previous != null && !e.start().isAfter(previous)) {
                throw new IllegalArgumentException(
                        "epochs must be in increasing time order: " + e.start() + " follows " + previous);
            }
            previous = e.start();
            Instant m = e.start().truncatedTo(ChronoUnit.MINUTES);
            if (!m.equals(minute)) {
                if (minute != null) {
                    out.add(new CountEpoch(minute, sum));
                }
                minute = m;
                sum = 0;
            }
            sum += e.counts();
        }
        if (minute != null) {
            out.add(new CountEpoch(minute, sum));
        }
        return out;
    }
}
