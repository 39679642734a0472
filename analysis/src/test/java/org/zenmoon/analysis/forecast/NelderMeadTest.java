package org.zenmoon.analysis.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The bounded Nelder-Mead that fits the smoothing parameters. */
class NelderMeadTest {

    @Test
    void findsAnInteriorMinimum() {
        double[] x = NelderMead.minimise(
                p -> Math.pow(p[0] - 0.3, 2) + 10 * Math.pow(p[1] - 0.7, 2),
                new double[] {0.5, 0.5},
                new double[] {0, 0},
                new double[] {1, 1},
                400);
        assertThat(x[0]).isCloseTo(0.3, within(1e-3));
        assertThat(x[1]).isCloseTo(0.7, within(1e-3));
    }

    @Test
    void aMinimumOutsideTheBoxEndsOnItsBoundAndNeverOutside() {
        // the unconstrained minimum (-1, 2) lies outside [0, 1]²: the constrained one is the corner (0, 1)
        double[] x = NelderMead.minimise(
                p -> Math.pow(p[0] + 1, 2) + Math.pow(p[1] - 2, 2),
                new double[] {0.5, 0.5},
                new double[] {0, 0},
                new double[] {1, 1},
                400);
        assertThat(x[0]).isCloseTo(0, within(1e-4)).isGreaterThanOrEqualTo(0);
        assertThat(x[1]).isCloseTo(1, within(1e-4)).isLessThanOrEqualTo(1);
    }

    @Test
    void aSpentBudgetReturnsTheBestPointSeenAndANonFiniteObjectiveIsAvoided() {
        double[] x = NelderMead.minimise(
                p -> p[0] < 0.2 ? Double.NaN : Math.pow(p[0] - 0.25, 2) + Math.pow(p[1] - 0.5, 2),
                new double[] {0.9, 0.9},
                new double[] {0, 0},
                new double[] {1, 1},
                15);
        assertThat(x[0]).isBetween(0.2, 1.0);
        assertThat(x[1]).isBetween(0.0, 1.0);
        assertThat(Math.pow(x[0] - 0.25, 2) + Math.pow(x[1] - 0.5, 2)).isLessThan(0.4 * 0.4 + 0.65 * 0.65);
    }
}
