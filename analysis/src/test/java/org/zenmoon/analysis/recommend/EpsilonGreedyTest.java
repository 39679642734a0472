package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EpsilonGreedyTest {

    @Test
    void theBestGetsOneMinusEpsilonPlusItsShareAndTheRestOfTheTopKTheirShare() {
        double[] p = EpsilonGreedy.distribution(new double[] {0.2, 0.9, 0.5, 0.7, 0.1}, new PolicySettings(0.3, 3));
        assertThat(p[1]).isCloseTo(0.8, within(1e-12));
        assertThat(p[3]).isCloseTo(0.1, within(1e-12));
        assertThat(p[2]).isCloseTo(0.1, within(1e-12));
        assertThat(p[0]).isZero();
        assertThat(p[4]).isZero();
    }

    @Test
    void tiesGoToTheLowerIndexAndFewCandidatesShareTheExploration() {
        double[] p = EpsilonGreedy.distribution(new double[] {0.5, 0.5, 0.5, 0.5}, PolicySettings.defaults());
        assertThat(p).containsExactly(new double[] {0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3, 0}, within(1e-12));
        double[] two = EpsilonGreedy.distribution(new double[] {0.1, 0.2}, PolicySettings.defaults());
        assertThat(two).containsExactly(new double[] {0.05, 0.95}, within(1e-12));
    }

    @Test
    void choicesFollowTheDistributionAndReportPropensityAndRank() {
        List<String> ids = List.of("a", "b", "c", "d");
        double[] scores = {0.1, 0.8, 0.4, 0.6};
        PolicySettings s = new PolicySettings(0.3, 3);
        SplittableRandom rng = new SplittableRandom(11);
        int[] counts = new int[4];
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            Choice c = EpsilonGreedy.choose(ids, scores, s, rng);
            counts[c.index()]++;
            assertThat(c.id()).isEqualTo(ids.get(c.index()));
            switch (c.id()) {
                case "b" -> assertThat(c.rank()).isEqualTo(1);
                case "d" -> assertThat(c.rank()).isEqualTo(2);
                case "c" -> assertThat(c.rank()).isEqualTo(3);
                default -> throw new AssertionError("outside the top 3: " + c);
            }
            assertThat(c.propensity()).isEqualTo(EpsilonGreedy.distribution(scores, s)[c.index()]);
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[1] / (double) n).isCloseTo(0.8, within(0.01));
        assertThat(counts[3] / (double) n).isCloseTo(0.1, within(0.01));
        assertThat(counts[2] / (double) n).isCloseTo(0.1, within(0.01));
    }

    @Test
    void withoutExplorationTheBestIsAlwaysChosen() {
        Choice c = EpsilonGreedy.choose(
                List.of("a", "b"), new double[] {0.3, 0.4}, new PolicySettings(0, 3), new SplittableRandom(1));
        assertThat(c).isEqualTo(new Choice("b", 1, 1.0, 1));
    }
}
