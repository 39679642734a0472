package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OffPolicyEvaluationTest {

    static final FeatureEncoder ENC = SyntheticLogs.ENC;
    static final InterventionCatalogue CAT = SyntheticLogs.CATALOGUE;
    static final PolicySettings SERVED = PolicySettings.defaults();
    static final PolicySettings UNIFORM = new PolicySettings(1.0, 100);

    /** The target policy's true value on the logged contexts: Σ_a π(a|x) P(👍|x,a), averaged. */
    static double trueValue(List<SyntheticLogs.Logged> logged, LinearModel target) {
        double sum = 0;
        for (SyntheticLogs.Logged l : logged) {
            double[] pi = EpsilonGreedy.distribution(
                    target.score(ENC.encodeAll(l.decision().context(), l.candidates())), SERVED);
            for (int a = 0; a < pi.length; a++) {
                sum += pi[a] * l.truth()[a];
            }
        }
        return sum / logged.size();
    }

    @Test
    void estimatesOfAKnownPolicyValueLandWithinTheirInterval() {
        LinearModel truth = SyntheticLogs.randomModel(1, 1.5);
        LinearModel target = SyntheticLogs.randomModel(2, 1.5);
        // A reward model trained on other decisions, as in production.
        LinearModel rewardModel = new LogisticTrainer(1.0)
                .fit(
                        SyntheticLogs.decisions(
                                SyntheticLogs.generate(5000, 5, truth, LinearModel.coldStart(ENC), UNIFORM, 4)),
                        ENC,
                        CAT.version());
        int replications = 20;
        int covered = 0;
        int coveredBlind = 0;
        double meanError = 0;
        double meanIpsError = 0;
        double meanSnipsError = 0;
        for (int r = 0; r < replications; r++) {
            List<SyntheticLogs.Logged> logged =
                    SyntheticLogs.generate(2000, 5, truth, LinearModel.coldStart(ENC), UNIFORM, 100 + r);
            double v = trueValue(logged, target);
            List<LoggedDecision> logs = SyntheticLogs.decisions(logged);
            PolicyValue pv = OffPolicyEvaluation.value(logs, target, rewardModel, ENC, CAT, SERVED);
            assertThat(pv.n()).isEqualTo(2000);
            assertThat(Double.isFinite(pv.drStdError())).isTrue();
            assertThat(pv.drStdError()).isPositive().isLessThan(0.03);
            assertThat(pv.ips()).isBetween(v - 0.15, v + 0.15);
            assertThat(pv.snips()).isBetween(v - 0.15, v + 0.15);
            meanIpsError += (pv.ips() - v) / replications;
            meanSnipsError += (pv.snips() - v) / replications;
            if (Math.abs(pv.dr() - v) <= 1.96 * pv.drStdError()) {
                covered++;
            }
            meanError += (pv.dr() - v) / replications;
            // Doubly robust: a reward model that knows nothing leaves DR unbiased through the propensities.
            PolicyValue blind = OffPolicyEvaluation.value(logs, target, LinearModel.coldStart(ENC), ENC, CAT, SERVED);
            assertThat(blind.drStdError()).isGreaterThan(pv.drStdError());
            if (Math.abs(blind.dr() - v) <= 1.96 * blind.drStdError()) {
                coveredBlind++;
            }
        }
        // 95% intervals: 19 of 20 expected; 17 or more happens with probability 0.98 when they are right.
        assertThat(covered).isGreaterThanOrEqualTo(17);
        assertThat(coveredBlind).isGreaterThanOrEqualTo(17);
        // Over 20 × 2000 decisions the standard errors of the means are about 0.003 (DR) and 0.008 (IPS).
        assertThat(Math.abs(meanError)).as("DR: no bias beyond noise").isLessThan(0.01);
        assertThat(Math.abs(meanIpsError)).as("IPS: no bias beyond noise").isLessThan(0.025);
        assertThat(Math.abs(meanSnipsError)).as("SNIPS: no bias beyond noise").isLessThan(0.025);
    }

    @Test
    void theComparisonPrefersTheBetterModelAndRefusesTheWorse() {
        LinearModel truth = SyntheticLogs.randomModel(11, 1.5);
        List<SyntheticLogs.Logged> logged =
                SyntheticLogs.generate(3000, 5, truth, LinearModel.coldStart(ENC), UNIFORM, 12);
        List<LoggedDecision> logs = SyntheticLogs.decisions(logged);
        LinearModel good = truth;
        LinearModel bad = truth.negated();
        double trueDifference = trueValue(logged, good) - trueValue(logged, bad);

        Comparison better = OffPolicyEvaluation.compare(logs, good, bad, truth, ENC, CAT, SERVED, 0.01);
        assertThat(better.notWorse()).isTrue();
        assertThat(better.differenceLow95()).isPositive();
        assertThat(trueDifference).isBetween(better.differenceLow95(), better.differenceHigh95());
        assertThat(better.drDifference())
                .isCloseTo(better.candidate().dr() - better.current().dr(), within(1e-12));

        Comparison worse = OffPolicyEvaluation.compare(logs, bad, good, truth, ENC, CAT, SERVED, 0.01);
        assertThat(worse.notWorse()).isFalse();
        assertThat(worse.differenceHigh95()).isNegative();
    }

    @Test
    void theLatestDecisionsAreHeldOut() {
        List<LoggedDecision> logs = SyntheticLogs.decisions(SyntheticLogs.generate(
                100, 3, SyntheticLogs.randomModel(5, 1), LinearModel.coldStart(ENC), UNIFORM, 6));
        List<LoggedDecision> reversed = new java.util.ArrayList<>(logs);
        java.util.Collections.reverse(reversed);
        Split split = OffPolicyEvaluation.splitByTime(reversed, 0.3);
        assertThat(split.training()).hasSize(70);
        assertThat(split.heldOut()).hasSize(30);
        assertThat(split.training().get(69).at())
                .isBefore(split.heldOut().get(0).at());
        assertThat(split.heldOut()).containsExactlyElementsOf(logs.subList(70, 100));
    }

    @Test
    void aModelForOtherFeaturesIsRefused() {
        LinearModel other = new LinearModel(FeatureEncoder.VERSION, "another-catalogue", new float[ENC.dimension()], 0);
        assertThatThrownBy(() -> OffPolicyEvaluation.value(List.of(), other, other, ENC, CAT, SERVED))
                .hasMessageContaining("other features");
    }
}
