package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticTrainerTest {

    static final FeatureEncoder ENC = SyntheticLogs.ENC;
    static final PolicySettings UNIFORM = new PolicySettings(1.0, 100);

    @Test
    void recoversTheProbabilitiesOfAKnownModel() {
        LinearModel truth = SyntheticLogs.randomModel(21, 1.0);
        List<SyntheticLogs.Logged> logged =
                SyntheticLogs.generate(6000, 6, truth, LinearModel.coldStart(ENC), UNIFORM, 22);
        LinearModel fitted = new LogisticTrainer(1.0).fit(SyntheticLogs.decisions(logged), ENC, "2026-12-v1");
        assertThat(fitted.fits(ENC)).isTrue();
        double error = 0;
        int n = 0;
        for (SyntheticLogs.Logged l : logged.subList(0, 1000)) {
            double[] p = fitted.score(ENC.encodeAll(l.decision().context(), l.candidates()));
            for (int a = 0; a < p.length; a++) {
                assertThat(Double.isFinite(p[a])).isTrue();
                error += Math.abs(p[a] - l.truth()[a]);
                n++;
            }
        }
        assertThat(error / n)
                .as("mean absolute error of the fitted probabilities")
                .isLessThan(0.06);
    }

    @Test
    void theSameLogsInAnyOrderGiveTheSameModel() {
        LinearModel truth = SyntheticLogs.randomModel(31, 1.0);
        List<LoggedDecision> logs =
                SyntheticLogs.decisions(SyntheticLogs.generate(800, 5, truth, LinearModel.coldStart(ENC), UNIFORM, 32));
        LogisticTrainer trainer = new LogisticTrainer(2.0);
        LinearModel once = trainer.fit(logs, ENC, "v");
        assertThat(trainer.fit(logs, ENC, "v")).isEqualTo(once);
        List<LoggedDecision> shuffled = new ArrayList<>(logs);
        Collections.shuffle(shuffled, new Random(5));
        float[] a = once.weights();
        float[] b = trainer.fit(shuffled, ENC, "v").weights();
        for (int i = 0; i < a.length; i++) {
            assertThat((double) b[i]).isCloseTo(a[i], within(1e-4));
        }
    }

    @Test
    void softLabelsAreFittedAsProbabilities() {
        LinearModel truth = SyntheticLogs.randomModel(41, 0.0);
        List<LoggedDecision> logs = new ArrayList<>();
        for (LoggedDecision d : SyntheticLogs.decisions(
                SyntheticLogs.generate(300, 4, truth, LinearModel.coldStart(ENC), UNIFORM, 42))) {
            logs.add(new LoggedDecision(
                    d.childId(), d.context(), d.candidateIds(), d.chosenId(), d.propensity(), 0.3, d.at()));
        }
        LinearModel fitted = new LogisticTrainer(50.0).fit(logs, ENC, "v");
        double[] p = fitted.score(ENC.encodeAll(logs.get(0).context(), SyntheticLogs.CATALOGUE.interventions()));
        for (double v : p) {
            assertThat(v).isCloseTo(0.3, within(0.02));
        }
    }

    @Test
    void noLogsGiveTheColdStartModel() {
        assertThat(new LogisticTrainer(1.0).fit(List.of(), ENC, ENC.catalogue().version()))
                .isEqualTo(LinearModel.coldStart(ENC));
    }
}
