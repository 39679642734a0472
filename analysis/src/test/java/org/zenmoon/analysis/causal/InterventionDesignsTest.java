package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InterventionDesignsTest {

    static final CausalSettings SETTINGS =
            CausalSettings.defaults().withBootstrap(200).withMethod(Method.REGRESSION);

    /**
     * A child's diary: school events raise stress and make a mindfulness session more likely (confounding);
     * the session lowers that evening's stress by {@code effect} and adds {@code sleepGain} hours of sleep.
     */
    static List<DailyObservation> diary(
            String child, int days, double baseline, double treatRate, double effect, double sleepGain, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<DailyObservation> out = new ArrayList<>();
        double prevSleep = 9;
        LocalDate start = LocalDate.of(2025, 1, 6);
        for (int k = 0; k < days; k++) {
            LocalDate date = start.plusDays(k);
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            boolean event = !weekend && rng.nextDouble() < 0.25;
            boolean treated = rng.nextDouble() < (event ? treatRate + 0.4 : treatRate) * (weekend ? 0.5 : 1);
            double stress = baseline
                    + (event ? 2 : 0)
                    - 0.5 * (prevSleep - 9)
                    - (weekend ? 0.5 : 0)
                    + (treated ? effect : 0)
                    + 0.7 * Refuters.gaussian(rng);
            double sleep = 9 - 0.2 * (stress - baseline) + (treated ? sleepGain : 0) + 0.3 * Refuters.gaussian(rng);
            out.add(new DailyObservation(child, date, treated, stress, sleep, event));
            prevSleep = sleep;
        }
        return out;
    }

    @Test
    void oneChildsMindfulnessSessionsLowerEveningStress() {
        List<DailyObservation> days = diary("mia", 200, 5, 0.3, -1.0, 0.0, 1);
        CausalEstimate e = InterventionDesigns.withinChild(days, DailyOutcome.EVENING_STRESS, SETTINGS);
        assertThat(e.estimate()).isFinite().isCloseTo(-1.0, within(0.4));
        assertThat(e.verdict()).isEqualTo(Verdict.HELPS);
        assertThat(e.n()).isEqualTo(199); // the first day has no previous night
    }

    @Test
    void moreSleepIsHelpsForTheSleepOutcome() {
        List<DailyObservation> days = diary("mia", 120, 5, 0.3, 0.0, 0.6, 2);
        CausalEstimate e = InterventionDesigns.withinChild(days, DailyOutcome.SLEEP, SETTINGS);
        assertThat(e.direction()).isEqualTo(OutcomeDirection.HIGHER_IS_BETTER);
        assertThat(e.verdict()).isEqualTo(Verdict.HELPS);
    }

    @Test
    void twoWeeksOfDiaryAreNotEnough() {
        List<DailyObservation> days = diary("leo", 14, 5, 0.3, -1.0, 0, 3);
        CausalEstimate e = InterventionDesigns.withinChild(days, DailyOutcome.EVENING_STRESS, SETTINGS);
        assertThat(e.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void cohortFixedEffectsCompareEachChildWithThemself() {
        // Stressed children get more sessions: pooled naively the sessions look harmful.
        List<DailyObservation> days = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            double baseline = 3 + c * 0.5;
            days.addAll(diary("child" + c, 60, baseline, 0.05 + 0.04 * c, -0.8, 0, 100 + c));
        }
        days.addAll(diary("never", 60, 4, 0.0, 0, 0, 99).stream()
                .map(d -> new DailyObservation(
                        d.childId(), d.date(), false, d.eveningStress(), d.sleepHours(), d.schoolEvent()))
                .toList());
        CausalEstimate e = InterventionDesigns.acrossCohort(days, DailyOutcome.EVENING_STRESS, SETTINGS);
        assertThat(e.estimator(Method.DIFFERENCE_IN_MEANS).estimate())
                .isFinite()
                .isGreaterThan(0);
        assertThat(e.estimate()).isFinite().isCloseTo(-0.8, within(0.3));
        assertThat(e.verdict()).isEqualTo(Verdict.HELPS);
        assertThat(e.n()).isEqualTo(12 * 59); // the child who never had a session tells nothing
    }

    @Test
    void withNoEffectTheCohortVerdictIsNoEvidence() {
        List<DailyObservation> days = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            days.addAll(diary("child" + c, 60, 3 + c * 0.3, 0.1 + 0.03 * c, 0.0, 0, 200 + c));
        }
        CausalEstimate e = InterventionDesigns.acrossCohort(days, DailyOutcome.EVENING_STRESS, SETTINGS);
        assertThat(e.verdict()).isEqualTo(Verdict.NO_EVIDENCE);
    }
}
