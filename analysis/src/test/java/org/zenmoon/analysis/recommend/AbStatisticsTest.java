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
        assertThat(AbStatistics.decide(new ArmTally(100, 45), new ArmTally(100, 60), s))
                .isEqualTo(AbDecision.PROMOTE);
        assertThat(AbStatistics.decide(new ArmTally(100, 60), new ArmTally(100, 45), s))
                .isEqualTo(AbDecision.ROLLBACK);
        assertThat(AbStatistics.decide(new ArmTally(100, 50), new ArmTally(100, 55), s))
                .isEqualTo(AbDecision.CONTINUE);
        assertThat(AbStatistics.decide(new ArmTally(99, 10), new ArmTally(100, 90), s))
                .as("no decision before both arms have their minimum")
                .isEqualTo(AbDecision.CONTINUE);
        AbSettings capped = new AbSettings(100, 0.05, 200);
        assertThat(AbStatistics.decide(new ArmTally(200, 100), new ArmTally(200, 104), capped))
                .as("not shown better within the limit: the current model stays")
                .isEqualTo(AbDecision.ROLLBACK);
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
