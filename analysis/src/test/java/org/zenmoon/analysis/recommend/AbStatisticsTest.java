package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

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
        // 40/100 vs 60/100: p = 0.0047, below the first look's level 0.025.
        assertThat(AbStatistics.decide(new ArmTally(100, 40), new ArmTally(100, 60), s))
                .isEqualTo(AbDecision.PROMOTE);
        assertThat(AbStatistics.decide(new ArmTally(100, 60), new ArmTally(100, 40), s))
                .isEqualTo(AbDecision.ROLLBACK);
        // 45/100 vs 60/100: p = 0.034, significant at 0.05 once but not at the first look's 0.025.
        assertThat(AbStatistics.decide(new ArmTally(100, 45), new ArmTally(100, 60), s))
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(new ArmTally(99, 10), new ArmTally(100, 90), s))
                .as("no decision before both arms have their minimum")
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(new ArmTally(150, 15), new ArmTally(150, 135), s))
                .as("no decision between looks (100, 200, 400, ...)")
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(new ArmTally(200, 15), new ArmTally(200, 135), s))
                .as("the second look")
                .isEqualTo(AbDecision.PROMOTE);
        AbSettings capped = new AbSettings(100, 0.05, 250);
        assertThat(AbStatistics.decide(new ArmTally(250, 125), new ArmTally(250, 130), capped))
                .as("not shown better within the limit: the current model stays")
                .isEqualTo(AbDecision.ROLLBACK);
    }

    @Test
    void lookingAfterEveryAnswerKeepsFalsePromotionsRare() {
        // Both arms equally good (50%): an A/A test, decided after every answer as the server does.
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        AbSettings s = new AbSettings(30, 0.05, 500);
        int promoted = 0;
        int trials = 2000;
        for (int trial = 0; trial < trials; trial++) {
            long n1 = 0;
            long h1 = 0;
            long n2 = 0;
            long h2 = 0;
            AbDecision d = AbDecision.CONTINUE;
            while (d == AbDecision.CONTINUE) {
                if (random.nextBoolean()) {
                    n1++;
                    h1 += random.nextBoolean() ? 1 : 0;
                } else {
                    n2++;
                    h2 += random.nextBoolean() ? 1 : 0;
                }
                d = AbStatistics.decide(new ArmTally(n1, h1), new ArmTally(n2, h2), s);
            }
            promoted += d == AbDecision.PROMOTE ? 1 : 0;
        }
        // One-sided false promotions stay under alpha / 2 (with Monte Carlo slack); testing at 0.05 at every answer
        // promotes an equal candidate in about one A/A test in five.
        assertThat((double) promoted / trials).isLessThan(0.035);
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
