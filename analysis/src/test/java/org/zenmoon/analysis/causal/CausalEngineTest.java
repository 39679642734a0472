package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CausalEngineTest {

    static final CausalSettings FAST = CausalSettings.defaults().withBootstrap(200);

    static CausalData nswExperiment() throws Exception {
        List<boolean[]> t = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CausalEngineTest.class.getResourceAsStream("/causal/nsw_dw.csv")),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                double[] v = Arrays.stream(line.split(","))
                        .skip(1)
                        .mapToDouble(Double::parseDouble)
                        .toArray();
                t.add(new boolean[] {v[0] == 1});
                x.add(new double[] {v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]});
                y.add(v[9]);
            }
        }
        boolean[] tr = new boolean[t.size()];
        for (int i = 0; i < tr.length; i++) {
            tr[i] = t.get(i)[0];
        }
        return new CausalData(
                tr,
                y.stream().mapToDouble(Double::doubleValue).toArray(),
                x.toArray(double[][]::new),
                List.of("age", "educ", "black", "hisp", "marr", "nodegree", "re74", "re75"));
    }

    @Test
    void nswExperimentDifferenceInMeansIsTheExperimentalFigure() throws Exception {
        Map<Method, Double> pe = CausalEngine.pointEstimates(nswExperiment(), FAST);
        assertThat(pe.get(Method.DIFFERENCE_IN_MEANS)).isCloseTo(1794.34, within(0.01));
        // Randomised: every adjusted estimator stays near the experimental figure too.
        pe.forEach((m, v) -> assertThat(v).as(m.label()).isFinite().isCloseTo(1794.34, within(400.0)));
    }

    @Test
    void placeboOnTheNswExperimentCoversZero() throws Exception {
        CausalEstimate e = CausalEngine.estimate(nswExperiment(), FAST.withEstimand(Estimand.ATT));
        Refutation placebo = e.refutations().get(0);
        assertThat(placebo.name()).isEqualTo("placebo_treatment");
        assertThat(placebo.ciLow()).isFinite().isNegative();
        assertThat(placebo.ciHigh()).isFinite().isPositive();
        assertThat(e.ciLow()).isFinite();
        assertThat(e.ciHigh()).isFinite();
        assertThat(e.ciCovers(1794.34)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void adjustedEstimatorsRemoveConfoundingThatFoolsTheNaiveDifference(Method m) {
        CausalData d = Synthetic.confounded(3000, 1.0, 7);
        double v = CausalEngine.pointEstimates(d, FAST).get(m);
        assertThat(v).isFinite();
        if (m == Method.DIFFERENCE_IN_MEANS) {
            assertThat(v).isGreaterThan(2.0);
        } else {
            double tolerance = m == Method.STRATIFICATION || m == Method.MATCHING ? 0.35 : 0.15;
            assertThat(v).isCloseTo(1.0, within(tolerance));
        }
    }

    @Test
    void attAndAteDifferWhenTheEffectDiffersAmongTheTreated() {
        CausalData d = Synthetic.heterogeneous(4000, 3);
        // ATE = 1 + 2·0.5 = 2; the treated are mostly x3 = 1: ATT = 1 + 2·0.7·0.5/(0.7·0.5 + 0.2·0.5) ≈ 2.56.
        double ate = CausalEngine.pointEstimates(d, FAST).get(Method.AIPW);
        double att =
                CausalEngine.pointEstimates(d, FAST.withEstimand(Estimand.ATT)).get(Method.AIPW);
        assertThat(ate).isFinite().isCloseTo(2.0, within(0.15));
        assertThat(att).isFinite().isCloseTo(1 + 2 * 0.35 / 0.45, within(0.15));
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        CausalData d = Synthetic.confounded(500, 0.5, 11);
        CausalEstimate a = CausalEngine.estimate(d, FAST.withSeed(5));
        CausalEstimate b = CausalEngine.estimate(d, FAST.withSeed(5));
        CausalEstimate c = CausalEngine.estimate(d, FAST.withSeed(6));
        assertThat(a.ciLow()).isFinite().isEqualTo(b.ciLow());
        assertThat(a.ciHigh()).isEqualTo(b.ciHigh());
        assertThat(a.refutations()).isEqualTo(b.refutations());
        assertThat(c.ciLow()).isNotEqualTo(a.ciLow());
        assertThat(c.estimate()).isEqualTo(a.estimate());
    }

    @Test
    void withNoEffectTheVerdictIsNoEvidenceAtTheNominalRate() {
        // 50 seeds of confounded data with no effect at all: a 95% interval excludes 0 about 5% of the time, and a
        // failed refuter only turns helps/harms into no_evidence, so at most 5 of 50 (10%) may say otherwise.
        long wrong = LongStream.range(0, 50)
                .filter(seed -> CausalEngine.estimate(Synthetic.confounded(300, 0, seed), FAST.withSeed(seed))
                                .verdict()
                        != Verdict.NO_EVIDENCE)
                .count();
        assertThat(wrong).isLessThanOrEqualTo(5);
    }

    @Test
    void lowerStressIsHelpsAndTheSameDropInSleepIsHarms() {
        CausalData d = Synthetic.confounded(600, -1.0, 2);
        CausalEstimate stress = CausalEngine.estimate(d, FAST.withDirection(OutcomeDirection.LOWER_IS_BETTER));
        CausalEstimate sleep = CausalEngine.estimate(d, FAST.withDirection(OutcomeDirection.HIGHER_IS_BETTER));
        assertThat(stress.estimate()).isFinite();
        assertThat(stress.ciLow()).isFinite();
        assertThat(stress.ciHigh()).isFinite().isNegative();
        assertThat(stress.verdict()).isEqualTo(Verdict.HELPS);
        assertThat(sleep.verdict()).isEqualTo(Verdict.HARMS);
        assertThat(stress.eValue()).isFinite().isGreaterThan(1.0);
        assertThat(stress.refutations()).allMatch(Refutation::passed);
    }

    @Test
    void aFewTreatedRowsGiveInsufficientData() {
        CausalData big = Synthetic.confounded(400, -3.0, 4);
        int[] rows = java.util.stream.IntStream.range(0, 400)
                .filter(i -> !big.treated()[i])
                .limit(100)
                .toArray();
        int[] treated = java.util.stream.IntStream.range(0, 400)
                .filter(i -> big.treated()[i])
                .limit(4)
                .toArray();
        CausalData small = big.rows(java.util.stream.IntStream.concat(Arrays.stream(rows), Arrays.stream(treated))
                .toArray());
        assertThat(CausalEngine.estimate(small, FAST).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void aCovariateThatDecidesTheTreatmentIsReportedAsSeparation() {
        CausalData d = Synthetic.confounded(300, 1.0, 9);
        double[] decider = new double[d.size()];
        for (int i = 0; i < decider.length; i++) {
            decider[i] = d.treated()[i] ? 1 + i % 3 : -1 - i % 3;
        }
        CausalEstimate e = CausalEngine.estimate(d.withCovariate("decider", decider), FAST.withBootstrap(50));
        assertThat(e.diagnostics().propensity().separation()).isTrue();
        assertThat(e.warnings()).anyMatch(w -> w.contains("separation"));
        assertThat(e.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void weightingBalancesTheConfounder() {
        CausalEstimate e = CausalEngine.estimate(Synthetic.confounded(2000, 1.0, 5), FAST.withBootstrap(20));
        CovariateBalance x1 = e.diagnostics().balance().get(0);
        assertThat(x1.smdBefore()).isFinite();
        assertThat(x1.smdAfter()).isFinite();
        assertThat(Math.abs(x1.smdBefore())).isGreaterThan(0.5);
        assertThat(Math.abs(x1.smdAfter())).isLessThan(0.1);
        assertThat(e.diagnostics().overlap().effectiveControl()).isFinite().isGreaterThan(100);
        assertThat(e.diagnostics().propensity().converged()).isTrue();
    }

    @Test
    void everyEstimatorIsReportedWithAnIntervalAroundItsEstimate() {
        CausalEstimate e = CausalEngine.estimateAll(Synthetic.confounded(500, 1.0, 8), FAST);
        assertThat(e.estimators()).extracting(EstimatorResult::method).containsExactlyInAnyOrder(Method.values());
        for (EstimatorResult r : e.estimators()) {
            assertThat(r.estimate()).as("%s estimate", r.method()).isFinite();
            assertThat(r.standardError()).as("%s SE", r.method()).isFinite().isPositive();
            assertThat(r.ciLow()).as("%s interval", r.method()).isFinite().isLessThanOrEqualTo(r.estimate());
            assertThat(r.ciHigh()).as("%s interval", r.method()).isFinite().isGreaterThanOrEqualTo(r.estimate());
            // The effect is 1 and every adjusted estimator is unbiased here: their intervals cover it.
            if (r.method() != Method.DIFFERENCE_IN_MEANS) {
                assertThat(r.ciLow()).as("%s interval", r.method()).isLessThanOrEqualTo(1.0);
                assertThat(r.ciHigh()).as("%s interval", r.method()).isGreaterThanOrEqualTo(1.0);
            }
        }
        assertThat(e.estimator(Method.MATCHING).intervalMethod()).isEqualTo(IntervalMethod.ABADIE_IMBENS_NORMAL);
        assertThat(e.estimator(Method.AIPW).intervalMethod()).isEqualTo(IntervalMethod.PERCENTILE_BOOTSTRAP);
    }

    @Test
    void anArmWithoutRowsIsRejected() {
        CausalData d = Synthetic.confounded(50, 1.0, 1);
        boolean[] none = new boolean[d.size()];
        assertThatThrownBy(() -> CausalEngine.estimate(d.withTreatment(none), FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both arms");
    }

    @Test
    void eValueIsOneForNoEffectAndGrowsWithTheEffect() {
        assertThat(EValue.of(0, 1)).isEqualTo(1.0);
        assertThat(EValue.ofInterval(-0.1, 0.3, 1)).isEqualTo(1.0);
        // d = 0.5: RR = exp(0.455) = 1.576, E = 1.576 + sqrt(1.576·0.576) = 2.53
        assertThat(EValue.of(0.5, 1)).isCloseTo(2.53, within(0.01));
        assertThat(EValue.of(-0.5, 1)).isEqualTo(EValue.of(0.5, 1));
    }
}
