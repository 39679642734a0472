package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A model that cannot be fitted as asked is fitted without the offending covariate, and the answer says so. */
class SingularModelsTest {

    static final CausalSettings FAST = CausalSettings.defaults().withBootstrap(100);

    @Test
    void theSolveLeavesOutAColumnThatIsACombinationOfTheOnesBeforeIt() {
        // Columns: intercept, x, 2x + 1 (aliased). Normal equations of y = 1 + 3x on x = 0, 1, 2, 3.
        double[][] rows = {{1, 0, 1}, {1, 1, 3}, {1, 2, 5}, {1, 3, 7}};
        double[] a = new double[9];
        double[] b = new double[3];
        for (double[] r : rows) {
            double y = 1 + 3 * r[1];
            for (int j = 0; j < 3; j++) {
                b[j] += r[j] * y;
                for (int k = 0; k <= j; k++) {
                    a[j * 3 + k] += r[j] * r[k];
                }
            }
        }
        Fits.Solution s = Fits.solve(a, b, 3, new boolean[] {true, true, true});
        assertThat(s.aliased()).containsExactly(false, false, true);
        assertThat(s.x()[0]).isCloseTo(1.0, within(1e-9));
        assertThat(s.x()[1]).isCloseTo(3.0, within(1e-9));
        assertThat(s.x()[2]).isZero();
    }

    @Test
    void aRedundantCovariateIsLeftOutOfEveryModelSaidSoAndDoesNotChangeTheAnswer() {
        CausalData d = Synthetic.confounded(800, 1.0, 31);
        double[] twice = new double[d.size()];
        for (int i = 0; i < twice.length; i++) {
            twice[i] = 2 * d.covariates()[i][0] + 3;
        }
        CausalEstimate plain = CausalEngine.estimate(d, FAST);
        CausalEstimate redundant = CausalEngine.estimate(d.withCovariate("x1_again", twice), FAST);
        assertThat(redundant.estimate()).isFinite().isCloseTo(plain.estimate(), within(1e-6));
        assertThat(redundant.ciLow()).isFinite().isCloseTo(plain.ciLow(), within(1e-6));
        assertThat(redundant.ciHigh()).isFinite().isCloseTo(plain.ciHigh(), within(1e-6));
        assertThat(redundant.warnings())
                .contains("covariates constant, or a combination of the other covariates, on the rows analysed, so "
                        + "left out of every model: x1_again")
                .noneMatch(w -> w.contains("singular"));
        assertThat(plain.warnings()).noneMatch(w -> w.contains("left out"));
    }

    @Test
    void aCovariateNoTreatedUnitHasIsLeftOutOfTheTreatedModelOnlyAndSaidSo() {
        // "sport club" is 1 for some controls and for no treated child: the treated outcome model cannot
        // estimate its effect. Its coefficient there is taken as 0, not made up by a ridge.
        SplittableRandom rng = new SplittableRandom(5);
        CausalData d = Synthetic.confounded(600, 1.0, 32);
        double[] club = new double[d.size()];
        for (int i = 0; i < club.length; i++) {
            club[i] = !d.treated()[i] && rng.nextDouble() < 0.3 ? 1 : 0;
        }
        CausalEstimate e = CausalEngine.estimate(d.withCovariate("club", club), FAST.withMethod(Method.REGRESSION));
        assertThat(e.warnings())
                .containsOnlyOnce("the outcome model of the treated is singular: club is constant or collinear with "
                        + "the other covariates among the rows it is fitted on, so it was left out of that model "
                        + "(the effect there taken as 0)")
                .noneMatch(w -> w.startsWith("the outcome model of the controls"));
        // The club has no effect on the outcome, so leaving it out of the treated model costs nothing.
        assertThat(e.estimate()).isFinite().isCloseTo(1.0, within(0.25));
    }

    @Test
    void resamplesInWhichARareCovariateMissesAnArmAreCounted() {
        CausalData d = Synthetic.confounded(400, 1.0, 33);
        double[] rare = new double[d.size()];
        int marked = 0;
        for (int i = 0; i < rare.length && marked < 2; i++) {
            if (d.treated()[i]) {
                rare[i] = 1;
                marked++;
            }
        }
        int control = 0;
        while (d.treated()[control]) {
            control++;
        }
        rare[control] = 1; // and one control, so it is not constant among the controls either
        CausalEstimate e = CausalEngine.estimate(d.withCovariate("rare", rare), FAST);
        assertThat(e.warnings()).noneMatch(w -> w.startsWith("the outcome model"));
        // Two treated rows carry it: about e^-2 of the resamples draw neither of them.
        assertThat(e.warnings())
                .anyMatch(w ->
                        w.matches("in \\d+ of 100 resamples a covariate was constant or collinear within an arm.*"));
    }

    @Test
    void aChildMissingFromACohortResampleIsNoWarning() {
        List<DailyObservation> days = new java.util.ArrayList<>();
        for (int c = 0; c < 8; c++) {
            days.addAll(InterventionDesignsTest.diary("child" + c, 60, 3 + c * 0.4, 0.1 + 0.04 * c, -0.8, 0, 300 + c));
        }
        CausalEstimate e =
                InterventionDesigns.acrossCohort(days, DailyOutcome.EVENING_STRESS, FAST.withMethod(Method.REGRESSION));
        // Whole children are resampled. A child not drawn (the reference child or another) has no weight in
        // any fit: its intercept carries no information and changes no fitted value.
        assertThat(e.warnings()).noneMatch(w -> w.contains("constant or collinear"));
        assertThat(e.estimate()).isFinite();
    }
}
