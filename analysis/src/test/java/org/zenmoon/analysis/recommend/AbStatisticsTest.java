package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.recommend.simulation.ClusteredAaSimulation;

class AbStatisticsTest {

    @Test
    void wilsonIntervalOfEightInTenIsTheTextbookOne() {
        // Wilson score interval for 8/10 at 95%: [0.4902, 0.9433] (e.g. Newcombe 1998; R binom::binom.wilson).
        Proportion p = AbStatistics.wilson(8, 10);
        assertThat(p.rate()).isEqualTo(0.8);
        assertThat(p.low95()).isCloseTo(0.4902, within(5e-5));
        assertThat(p.high95()).isCloseTo(0.9433, within(5e-5));
    }

    @Test
    void wilsonStaysInsideZeroToOneAtTheEdges() {
        Proportion none = AbStatistics.wilson(0, 20);
        assertThat(none.low95()).isEqualTo(0.0);
        assertThat(none.high95()).isCloseTo(0.1611, within(5e-4));
        Proportion all = AbStatistics.wilson(20, 20);
        assertThat(all.high95()).isEqualTo(1.0);
        assertThat(all.low95()).isCloseTo(0.8389, within(5e-4));
        assertThat(AbStatistics.wilson(0, 0)).isEqualTo(new Proportion(0, 0, 1));
    }

    @Test
    void twoProportionTestMatchesTheChiSquareWithoutContinuityCorrection() {
        // 45/100 against 60/100: z = 2.1240, p = 0.03367 (R: prop.test(c(45, 60), c(100, 100), correct = FALSE)
        // gives X-squared = 4.5113, p-value = 0.03367).
        double p = AbStatistics.twoProportionPValue(new ArmTally(100, 45), new ArmTally(100, 60));
        assertThat(p).isCloseTo(0.03367, within(5e-5));
        assertThat(AbStatistics.twoProportionPValue(new ArmTally(100, 60), new ArmTally(100, 45)))
                .isCloseTo(p, within(1e-12));
        assertThat(AbStatistics.twoProportionPValue(new ArmTally(0, 0), new ArmTally(100, 60)))
                .isEqualTo(1.0);
        assertThat(AbStatistics.twoProportionPValue(new ArmTally(50, 50), new ArmTally(50, 50)))
                .isEqualTo(1.0);
    }

    @Test
    void decisionsPromoteRollBackOrWait() {
        AbSettings s = new AbSettings(100, 0.05);
        // One answer per child (independent answers): 40/100 vs 60/100, p = 0.005, below the first look's 0.025.
        assertThat(AbStatistics.decide(independent(100, 40), independent(100, 60), s))
                .isEqualTo(AbDecision.PROMOTE);
        assertThat(AbStatistics.decide(independent(100, 60), independent(100, 40), s))
                .isEqualTo(AbDecision.ROLLBACK);
        // 45/100 vs 60/100: p = 0.034, significant at 0.05 once but not at the first look's 0.025.
        assertThat(AbStatistics.decide(independent(100, 45), independent(100, 60), s))
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(independent(99, 10), independent(100, 90), s))
                .as("no decision before both arms have their minimum")
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(independent(150, 15), independent(150, 135), s))
                .as("no decision between looks (100, 200, 400, ...)")
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(independent(200, 15), independent(200, 135), s))
                .as("the second look")
                .isEqualTo(AbDecision.PROMOTE);
        AbSettings capped = new AbSettings(100, 0.05, 250);
        assertThat(AbStatistics.decide(independent(250, 125), independent(250, 130), capped))
                .as("not shown better within the limit: the current model stays")
                .isEqualTo(AbDecision.ROLLBACK);
    }

    @Test
    void tooFewChildrenDecideNothingUntilTheLimitKeepsTheCurrentModel() {
        // 100 answers per arm from 9 children each: 10% against 90% 👍, as clear as a difference gets.
        ClusteredArm control = children(9, 100, 10);
        ClusteredArm candidate = children(9, 100, 90);
        assertThat(AbStatistics.decide(control, candidate, new AbSettings(100, 0.05)))
                .as("fewer than the default 10 children per arm")
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(control, candidate, new AbSettings(100, 0.05, 100, 9)))
                .as("the same arms once 9 children are enough")
                .isEqualTo(AbDecision.PROMOTE);
        assertThat(AbStatistics.decide(control, candidate, new AbSettings(50, 0.05, 100)))
                .as("at the limit with too few children: not shown better, rolled back")
                .isEqualTo(AbDecision.ROLLBACK);
        assertThatThrownBy(() -> new AbSettings(30, 0.05, 500, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AbSettings(30, 0.05, 500).minChildrenPerArm()).isEqualTo(10);
    }

    @Test
    void clusterRobustVarianceOfAWorkedExample() {
        // Children 2/4, 0/2, 3/3: p = 5/9; residuals y - p n = -2/9, -10/9, 12/9; squares sum to 248/81;
        // N-bar = 3, so var = (248/81) / (3^2 * 3 * 2) = 248/4374.
        ClusteredArm arm = new ClusteredArm(List.of(new ChildTally(4, 2), new ChildTally(2, 0), new ChildTally(3, 3)));
        assertThat(arm.rate()).isCloseTo(5.0 / 9, within(1e-15));
        assertThat(AbStatistics.rateVariance(arm)).isCloseTo(248.0 / 4374, within(1e-15));
        // Binomial variance (5/9)(4/9)/9 = 20/729: a design effect of (248/4374) / (20/729) = 2.0667.
        assertThat(AbStatistics.designEffect(arm)).isCloseTo(2.0667, within(1e-4));
        Proportion naive = AbStatistics.wilson(5, 9);
        Proportion clustered = AbStatistics.interval(arm);
        assertThat(clustered.rate()).isEqualTo(naive.rate());
        assertThat(clustered.low95()).isLessThan(naive.low95());
        assertThat(clustered.high95()).isGreaterThan(naive.high95());
        // The interval is Wilson's on the effective answers, 9 / 2.0667 = 4.35.
        Proportion effective = AbStatistics.wilson(5.0 / 9, 9 / 2.0667);
        assertThat(clustered.low95()).isCloseTo(effective.low95(), within(1e-4));
        assertThat(clustered.high95()).isCloseTo(effective.high95(), within(1e-4));
        assertThat(AbStatistics.rateVariance(children(1, 10, 5)))
                .as("one child says nothing about the spread between children")
                .isInfinite();
        assertThat(AbStatistics.interval(new ClusteredArm(List.of()))).isEqualTo(new Proportion(0, 0, 1));
    }

    @Test
    void withOneAnswerPerChildTheClusteredPValueIsCloseToThePooledOne() {
        long[][] pairs = {{400, 180, 400, 210}, {100, 45, 100, 60}, {250, 50, 300, 75}, {1000, 620, 900, 540}};
        for (long[] x : pairs) {
            double pooled = AbStatistics.twoProportionPValue(new ArmTally(x[0], x[1]), new ArmTally(x[2], x[3]));
            double clustered = AbStatistics.clusteredPValue(independent(x[0], x[1]), independent(x[2], x[3]));
            assertThat(Double.isFinite(clustered)).isTrue();
            assertThat(clustered)
                    .as("%d/%d vs %d/%d: pooled p %.5f", x[1], x[0], x[3], x[2], pooled)
                    .isCloseTo(pooled, within(0.05 * pooled));
        }
        // 180/400 vs 210/400: the pooled z = 2.122, p = 0.0338.
        assertThat(AbStatistics.twoProportionPValue(new ArmTally(400, 180), new ArmTally(400, 210)))
                .isCloseTo(0.0338, within(5e-4));
        assertThat(AbStatistics.clusteredPValue(independent(50, 50), independent(50, 50)))
                .as("nothing varies")
                .isEqualTo(1.0);
        assertThat(AbStatistics.clusteredPValue(children(1, 50, 0), children(20, 50, 50)))
                .as("an arm of one child")
                .isEqualTo(1.0);
    }

    @Test
    void withChildrenWhoDifferThePooledTestFindsFalseDifferencesAndTheClusteredOneDoesNot() {
        // An A/A test: both arms have the same true 👍 rate (0.45); each child has its own rate drawn from
        // Beta(0.9, 1.1) (answers of one child correlate by 1/3) and gives 10 to 40 answers; 40 children per arm;
        // each of 2,000 simulated experiments tested once at alpha 0.05.
        ClusteredAaSimulation.FixedResult r =
                ClusteredAaSimulation.fixed(ClusteredAaSimulation.Children.strongSpread(), 2000, 0.05, 20261214L);
        assertThat(r.pooledFalseRate())
                .as("the pooled test treats ~1,000 answers per arm as independent")
                .isGreaterThan(0.30);
        assertThat(r.clusteredFalseRate()).as("the cluster-robust test").isBetween(0.02, 0.07);
        // The default minimum of 10 children per arm: the level still holds within Monte Carlo slack.
        ClusteredAaSimulation.FixedResult few = ClusteredAaSimulation.fixed(
                new ClusteredAaSimulation.Children(10, 10, 40, 0.45, 2), 2000, 0.05, 20261214L);
        assertThat(few.clusteredFalseRate()).isBetween(0.02, 0.075);
    }

    @Test
    void lookingAfterEveryAnswerKeepsFalseDecisionsRare() {
        // A/A tests decided after every answer as the server does, 40 children per arm answering in random order:
        // children alike (every answer independent, 50%) and children who differ (Beta(0.9, 1.1) around 0.45).
        AbSettings s = new AbSettings(30, 0.05, 240);
        for (ClusteredAaSimulation.Children c : List.of(
                new ClusteredAaSimulation.Children(40, 1, 1, 0.5, Double.POSITIVE_INFINITY),
                ClusteredAaSimulation.Children.strongSpread())) {
            ClusteredAaSimulation.SequentialResult r = ClusteredAaSimulation.sequential(c, s, 1000, 14L);
            // One-sided false promotions stay under alpha / 2, false decisions either way under alpha (with Monte
            // Carlo slack); testing at 0.05 at every answer promotes an equal candidate in about one A/A test in five.
            assertThat(r.falsePromotionRate()).as(c.toString()).isLessThan(0.035);
            assertThat(r.falseDecisionRate()).as(c.toString()).isLessThan(0.065);
        }
    }

    private static ClusteredArm independent(long exposures, long helpful) {
        return ClusteredArm.independent(exposures, helpful);
    }

    /** {@code answers} answers spread evenly over {@code children} children, the 👍 spread evenly too. */
    private static ClusteredArm children(int children, int answers, int helpful) {
        List<ChildTally> out = new ArrayList<>();
        for (int c = 0; c < children; c++) {
            long n = answers / children + (c < answers % children ? 1 : 0);
            long h = helpful / children + (c < helpful % children ? 1 : 0);
            out.add(new ChildTally(n, Math.min(n, h)));
        }
        return new ClusteredArm(out);
    }

    @Test
    void stickyAssignmentIsStableAndSplitsAsConfigured() {
        assertThat(StickyAssignment.inCandidateArm("exp-7", "child-42", 0.5))
                .isEqualTo(StickyAssignment.inCandidateArm("exp-7", "child-42", 0.5));
        int inCandidate = 0;
        int moved = 0;
        for (int i = 0; i < 10_000; i++) {
            String child = "child-" + i;
            double position = StickyAssignment.position("exp-7", child);
            assertThat(position).isBetween(0.0, 1.0).isLessThan(1.0);
            if (StickyAssignment.inCandidateArm("exp-7", child, 0.2)) {
                inCandidate++;
                assertThat(StickyAssignment.inCandidateArm("exp-7", child, 0.5))
                        .as("a larger share keeps the children already in the candidate arm")
                        .isTrue();
            }
            if (StickyAssignment.inCandidateArm("exp-7", child, 0.5)
                    != StickyAssignment.inCandidateArm("exp-8", child, 0.5)) {
                moved++;
            }
        }
        assertThat(inCandidate).isBetween(1_900, 2_100);
        assertThat(moved).as("a new experiment reshuffles about half").isBetween(4_800, 5_200);
        assertThat(StickyAssignment.inCandidateArm("exp", "c", 0.0)).isFalse();
        assertThat(StickyAssignment.inCandidateArm("exp", "c", 1.0)).isTrue();
    }
}
