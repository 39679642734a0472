package org.zenmoon.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.zenmoon.domain.model.cohort.ChildDay;
import org.zenmoon.domain.model.cohort.ChildNight;
import org.zenmoon.domain.model.cohort.DailyStress;
import org.zenmoon.domain.model.cohort.NightlySleep;

/**
 * A cohort's charts from its analysed children's days and nights: every child weighs the same on a day (its mean
 * reading) or night (its minutes asleep), however long its device was worn; a day or night with data from fewer than
 * {@code minChildren} children is left out, as a cohort figure from too few children is in the summary.
 */
final class CohortCharts {

    private CohortCharts() {}

    /** Per day, the mean over the children of each child's mean stress reading that day. */
    static List<DailyStress> dailyStress(List<ChildDay> days, int minChildren) {
        Map<LocalDate, double[]> byDay = new TreeMap<>();
        for (ChildDay d : days) {
            if (d.stressReadings() > 0) {
                double[] sum = byDay.computeIfAbsent(d.day(), k -> new double[2]);
                sum[0] += d.stressSum() / d.stressReadings();
                sum[1]++;
            }
        }
        List<DailyStress> chart = new ArrayList<>();
        byDay.forEach((day, sum) -> {
            if (sum[1] >= minChildren) {
                chart.add(new DailyStress(day, sum[0] / sum[1], (int) sum[1]));
            }
        });
        return chart;
    }

    /** Per night, the mean over the children who slept that night of their hours asleep. */
    static List<NightlySleep> nightlySleep(List<ChildNight> nights, int minChildren) {
        Map<LocalDate, long[]> byNight = new TreeMap<>();
        for (ChildNight n : nights) {
            if (n.asleepMinutes() > 0) {
                long[] sum = byNight.computeIfAbsent(n.night(), k -> new long[2]);
                sum[0] += n.asleepMinutes();
                sum[1]++;
            }
        }
        List<NightlySleep> chart = new ArrayList<>();
        byNight.forEach((night, sum) -> {
            if (sum[1] >= minChildren) {
                chart.add(new NightlySleep(night, sum[0] / 60.0 / sum[1], (int) sum[1]));
            }
        });
        return chart;
    }
}
