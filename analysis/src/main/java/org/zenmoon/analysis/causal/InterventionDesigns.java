package org.zenmoon.analysis.causal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZenMoon's two designs over daily records. Each day is compared with the child's other days, adjusted for
 * the previous night's sleep, the previous evening's stress, a school event and the weekend, all of which
 * are known before the day's intervention is decided.
 * <ul>
 *   <li>{@link #withinChild}: N-of-1, one child's days with against without the intervention; the bootstrap
 *       resamples whole weeks, because a child's consecutive days are alike.</li>
 *   <li>{@link #acrossCohort}: all children pooled, with a fixed effect per child (so each child is compared
 *       with themself, never with another child); the bootstrap resamples whole children. Children who had
 *       the intervention on every day, or on none, tell nothing about it and are left out. The fixed effects
 *       are {@link CausalData#fixedEffects()} groups, absorbed in every fit (see {@link Fits}), not indicator
 *       columns: the same estimates at a cost linear in the children.</li>
 * </ul>
 * The outcome fixes the verdict's direction: less stress and more sleep are better.
 */
public final class InterventionDesigns {

    static final List<String> COVARIATES =
            List.of("previousNightSleep", "previousEveningStress", "schoolEvent", "weekend");

    private InterventionDesigns() {}

    public static CausalEstimate withinChild(List<DailyObservation> days, DailyOutcome outcome, CausalSettings s) {
        if (days.stream().map(DailyObservation::childId).distinct().count() > 1) {
            throw new IllegalArgumentException("withinChild takes the days of one child");
        }
        List<Row> rows = rows(days, outcome);
        LocalDate first = rows.isEmpty() ? LocalDate.EPOCH : rows.get(0).day().date();
        int[] weeks = rows.stream()
                .mapToInt(r -> (int) ((r.day().date().toEpochDay() - first.toEpochDay()) / 7))
                .toArray();
        return CausalEngine.estimate(data(rows, weeks, null), s.withDirection(outcome.direction()));
    }

    public static CausalEstimate acrossCohort(List<DailyObservation> days, DailyOutcome outcome, CausalSettings s) {
        Map<String, boolean[]> arms = new HashMap<>();
        for (DailyObservation d : days) {
            boolean[] a = arms.computeIfAbsent(d.childId(), k -> new boolean[2]);
            a[d.treated() ? 1 : 0] = true;
        }
        List<DailyObservation> kept = days.stream()
                .filter(d -> arms.get(d.childId())[0] && arms.get(d.childId())[1])
                .toList();
        Map<String, List<DailyObservation>> byChild = new LinkedHashMap<>();
        kept.stream()
                .sorted(Comparator.comparing(DailyObservation::childId))
                .forEach(d -> byChild.computeIfAbsent(d.childId(), k -> new ArrayList<>())
                        .add(d));
        List<Row> rows = new ArrayList<>();
        byChild.values().forEach(l -> rows.addAll(rows(l, outcome)));
        List<String> children = new ArrayList<>(byChild.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < children.size(); i++) {
            index.put(children.get(i), i);
        }
        int[] child = rows.stream().mapToInt(r -> index.get(r.day().childId())).toArray();
        // The child is both the bootstrap's cluster and the fixed effect (an intercept per child, absorbed in the
        // fits rather than built as one indicator column per child).
        return CausalEngine.estimate(data(rows, child, child), s.withDirection(outcome.direction()));
    }

    record Row(DailyObservation day, double outcome, double[] covariates) {}

    /** A child's usable days: the day and the day before are both recorded with the needed measurements. */
    private static List<Row> rows(List<DailyObservation> days, DailyOutcome outcome) {
        Map<LocalDate, DailyObservation> byDate = new HashMap<>();
        days.forEach(d -> byDate.put(d.date(), d));
        List<Row> out = new ArrayList<>();
        days.stream().sorted(Comparator.comparing(DailyObservation::date)).forEach(d -> {
            DailyObservation prev = byDate.get(d.date().minusDays(1));
            if (prev == null
                    || !Double.isFinite(outcome.of(d))
                    || !Double.isFinite(prev.sleepHours())
                    || !Double.isFinite(prev.eveningStress())) {
                return;
            }
            DayOfWeek w = d.date().getDayOfWeek();
            double weekend = w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY ? 1 : 0;
            out.add(new Row(d, outcome.of(d), new double[] {
                prev.sleepHours(), prev.eveningStress(), d.schoolEvent() ? 1 : 0, weekend
            }));
        });
        return out;
    }

    private static CausalData data(List<Row> rows, int[] clusters, int[] fixedEffects) {
        int n = rows.size();
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            t[i] = r.day().treated();
            y[i] = r.outcome();
            x[i] = r.covariates();
        }
        return new CausalData(t, y, x, COVARIATES, clusters, fixedEffects);
    }
}
