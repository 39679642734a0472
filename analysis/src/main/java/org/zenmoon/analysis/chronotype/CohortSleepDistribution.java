package org.zenmoon.analysis.chronotype;

import java.util.ArrayList;
import java.util.List;

/**
 * How MSFsc and weekly sleep duration spread across a cohort, for the portal's cohort view. It describes the
 * cohort only: a child's category always comes from {@link AgeNorms}, never from where the child falls here.
 * Clock quantiles are taken on a line cut at noon (mid-sleep times lie far from noon), so 23:30 sorts before 01:00.
 *
 * @param msfSc quantiles p10, p25, p50, p75, p90 in minutes after midnight (null when no child has a result)
 * @param sleepDuration the same quantiles of SD_week, in minutes
 */
public record CohortSleepDistribution(int children, int withResult, List<Double> msfSc, List<Double> sleepDuration) {

    public static final List<Double> PROBABILITIES = List.of(0.10, 0.25, 0.50, 0.75, 0.90);

    public static CohortSleepDistribution of(List<Chronotype> results) {
        double[] clock = results.stream()
                .filter(r -> r.msfSc() != null)
                .mapToDouble(r -> ClockMinutes.wrap(r.msfSc() - 720) + 720)
                .sorted()
                .toArray();
        double[] sleep = results.stream()
                .filter(r -> r.sdWeek() != null)
                .mapToDouble(Chronotype::sdWeek)
                .sorted()
                .toArray();
        List<Double> q = clock.length == 0
                ? null
                : quantiles(clock).stream().map(ClockMinutes::wrap).toList();
        return new CohortSleepDistribution(
                results.size(), clock.length, q, sleep.length == 0 ? null : quantiles(sleep));
    }

    /** Linear interpolation between order statistics (R's type 7). */
    private static List<Double> quantiles(double[] sorted) {
        List<Double> out = new ArrayList<>();
        for (double p : PROBABILITIES) {
            double h = (sorted.length - 1) * p;
            int lo = (int) Math.floor(h);
            int hi = Math.min(sorted.length - 1, lo + 1);
            out.add(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
        }
        return List.copyOf(out);
    }
}
