package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fixed effects absorbed in the fits ({@link CausalData#fixedEffects()}) give the answers of the same model
 * written out as an intercept plus one indicator column per group but the first, and the planted effect.
 */
class FixedEffectsTest {

    static final double TOLERANCE = 1e-6;
    static final int CHILDREN = 25;
    static final int DAYS = 40;

    /**
     * 25 children × 40 days: each child has their own baseline stress and their own rate of sessions (the
     * stressed ones get more, so pooling naively confounds), a school event raises both stress and the chance of
     * a session, and the session changes stress by {@code effect}. The last two children had a single session,
     * on a school-event day: for the ATT, their quiet days lie below every treated day's propensity score and
     * trimming leaves them out.
     */
    static CausalData pooled(double effect, long seed, boolean indicators) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = CHILDREN * DAYS;
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][];
        int[] child = new int[n];
        List<String> names = new ArrayList<>(InterventionDesigns.COVARIATES);
        if (indicators) {
            for (int c = 1; c < CHILDREN; c++) {
                names.add("child:" + c);
            }
        }
        for (int c = 0; c < CHILDREN; c++) {
            double baseline = 3 + 0.15 * c + 0.5 * Refuters.gaussian(rng);
            double rate = 0.1 + 0.012 * c;
            boolean single = c >= CHILDREN - 2;
            int firstEvent = -1;
            double prevSleep = 9;
            for (int d = 0; d < DAYS; d++) {
                int i = c * DAYS + d;
                boolean weekend = d % 7 >= 5;
                boolean event = !weekend && rng.nextDouble() < 0.3;
                double prevStress = baseline + 0.6 * Refuters.gaussian(rng);
                if (single) {
                    t[i] = event && firstEvent < 0;
                    firstEvent = event && firstEvent < 0 ? d : firstEvent;
                } else {
                    t[i] = rng.nextDouble() < (event ? rate + 0.35 : rate) * (weekend ? 0.6 : 1);
                }
                y[i] = baseline
                        + (event ? 1.5 : 0)
                        - 0.4 * (prevSleep - 9)
                        + 0.3 * (prevStress - baseline)
                        - (weekend ? 0.4 : 0)
                        + (t[i] ? effect : 0)
                        + 0.6 * Refuters.gaussian(rng);
                x[i] = Arrays.copyOf(
                        new double[] {prevSleep, prevStress, event ? 1 : 0, weekend ? 1 : 0}, names.size());
                if (indicators && c > 0) {
                    x[i][InterventionDesigns.COVARIATES.size() + c - 1] = 1;
                }
                child[i] = c;
                prevSleep = 9 - 0.2 * (y[i] - baseline) + 0.3 * Refuters.gaussian(rng);
            }
        }
        return new CausalData(t, y, x, names, child, indicators ? null : child);
    }

    private static void assertSameAnswer(CausalEstimate grouped, CausalEstimate indicators) {
        assertThat(grouped.estimate()).isFinite().isCloseTo(indicators.estimate(), within(TOLERANCE));
        assertThat(grouped.ciLow()).isFinite().isCloseTo(indicators.ciLow(), within(TOLERANCE));
        assertThat(grouped.ciHigh()).isFinite().isCloseTo(indicators.ciHigh(), within(TOLERANCE));
        assertThat(grouped.standardError()).isFinite().isCloseTo(indicators.standardError(), within(TOLERANCE));
        assertThat(grouped.n()).isEqualTo(indicators.n());
        assertThat(grouped.nTreated()).isEqualTo(indicators.nTreated());
        assertThat(grouped.nControl()).isEqualTo(indicators.nControl());
        assertThat(grouped.failedResamples()).isEqualTo(indicators.failedResamples());
        assertThat(grouped.verdict()).isEqualTo(indicators.verdict());
        assertThat(grouped.diagnostics().overlap().trimmed())
                .isEqualTo(indicators.diagnostics().overlap().trimmed());
        assertThat(grouped.refutations()).hasSameSizeAs(indicators.refutations());
        for (int k = 0; k < grouped.refutations().size(); k++) {
            Refutation g = grouped.refutations().get(k);
            Refutation d = indicators.refutations().get(k);
            assertThat(g.passed()).as(g.name()).isEqualTo(d.passed());
            assertThat(g.effect()).as(g.name()).isFinite().isCloseTo(d.effect(), within(TOLERANCE));
        }
        for (EstimatorResult r : grouped.estimators()) {
            EstimatorResult d = indicators.estimator(r.method());
            assertThat(r.estimate()).as(r.method().label()).isFinite().isCloseTo(d.estimate(), within(TOLERANCE));
            assertThat(r.ciLow()).as(r.method().label()).isFinite().isCloseTo(d.ciLow(), within(TOLERANCE));
            assertThat(r.ciHigh()).as(r.method().label()).isFinite().isCloseTo(d.ciHigh(), within(TOLERANCE));
        }
    }

    @Test
    void theDefaultAnalysisEqualsTheIndicatorColumnsAndFindsThePlantedEffect() {
        CausalSettings s = CausalSettings.defaults();
        CausalEstimate grouped = CausalEngine.estimate(pooled(-0.8, 1, false), s);
        CausalEstimate indicators = CausalEngine.estimate(pooled(-0.8, 1, true), s);
        assertSameAnswer(grouped, indicators);
        assertThat(grouped.ciCovers(-0.8)).isTrue();
        assertThat(grouped.verdict()).isEqualTo(Verdict.HELPS);
        // The balance lists the four covariates, not a row per child.
        assertThat(grouped.diagnostics().balance())
                .extracting(CovariateBalance::covariate)
                .containsExactlyElementsOf(InterventionDesigns.COVARIATES);
    }

    @Test
    void withoutAnEffectTheIntervalCoversZeroInBothFormulations() {
        CausalSettings s = CausalSettings.defaults();
        CausalEstimate grouped = CausalEngine.estimate(pooled(0.0, 2, false), s);
        CausalEstimate indicators = CausalEngine.estimate(pooled(0.0, 2, true), s);
        assertSameAnswer(grouped, indicators);
        assertThat(grouped.ciCovers(0.0)).isTrue();
        assertThat(grouped.verdict()).isEqualTo(Verdict.NO_EVIDENCE);
    }

    @Test
    void everyEstimatorOfTheTrimmedAttEqualsTheIndicatorColumns() {
        CausalSettings s = CausalSettings.defaults().withEstimand(Estimand.ATT).withBootstrap(200);
        CausalEstimate grouped = CausalEngine.estimateAll(pooled(-0.8, 3, false), s);
        CausalEstimate indicators = CausalEngine.estimateAll(pooled(-0.8, 3, true), s);
        assertThat(grouped.diagnostics().overlap().trimmed()).isPositive();
        assertSameAnswer(grouped, indicators);
        assertThat(grouped.ciCovers(-0.8)).isTrue();
    }

    @Test
    void aChildWithNoWeightGivesFiniteFitsAndTheIndicatorDesignsPredictions() {
        CausalData groupedData = pooled(-0.8, 4, false);
        CausalData indicatorData = pooled(-0.8, 4, true);
        CausalSettings s = CausalSettings.defaults();
        Estimators grouped = new Estimators(groupedData, s);
        Estimators indicators = new Estimators(indicatorData, s);
        // A resample that drew neither child 7 nor the reference child 0, and child 12 twice.
        double[] w = Estimators.ones(groupedData.size());
        for (int d = 0; d < DAYS; d++) {
            w[7 * DAYS + d] = 0;
            w[d] = 0;
            w[12 * DAYS + d] = 2;
        }
        Estimators.Estimates g = grouped.estimate(w, Estimators.all());
        Estimators.Estimates e = indicators.estimate(w, Estimators.all());
        for (Method m : Method.values()) {
            assertThat(g.value(m)).as(m.label()).isFinite().isCloseTo(e.value(m), within(TOLERANCE));
        }
        assertThat(g.singular()).isEmpty();
        // The missing children's rows are predicted as by the indicator columns (which leave their indicators
        // out): finite, and the same.
        for (int i : new int[] {0, DAYS - 1, 7 * DAYS, 7 * DAYS + 5}) {
            assertThat(g.logit()[i]).isFinite().isCloseTo(e.logit()[i], within(TOLERANCE));
            assertThat(g.m0()[i]).isFinite().isCloseTo(e.m0()[i], within(TOLERANCE));
            assertThat(g.m1()[i]).isFinite().isCloseTo(e.m1()[i], within(TOLERANCE));
        }
    }

    @Test
    void aChildWithoutRowsInAnArmTakesTheReferencesBaselineAsTheIndicatorsDoAndIsReported() {
        CausalData groupedData = pooled(-0.8, 7, false);
        CausalData indicatorData = pooled(-0.8, 7, true);
        CausalSettings s = CausalSettings.defaults().withMethod(Method.REGRESSION);
        Estimators grouped = new Estimators(groupedData, s);
        Estimators indicators = new Estimators(indicatorData, s);
        boolean[] t = groupedData.treated();
        // Child 9 keeps only its treated days: the controls' model has nothing to say about its baseline.
        double[] w = Estimators.ones(groupedData.size());
        for (int d = 0; d < DAYS; d++) {
            w[9 * DAYS + d] = t[9 * DAYS + d] ? 1 : 0;
        }
        java.util.Set<Method> regression = java.util.EnumSet.of(Method.REGRESSION);
        Estimators.Estimates g = grouped.estimate(w, regression);
        Estimators.Estimates e = indicators.estimate(w, regression);
        assertThat(g.value(Method.REGRESSION)).isFinite().isCloseTo(e.value(Method.REGRESSION), within(TOLERANCE));
        for (int d = 0; d < DAYS; d++) {
            assertThat(g.m0()[9 * DAYS + d]).isFinite().isCloseTo(e.m0()[9 * DAYS + d], within(TOLERANCE));
        }
        boolean[] aliased = g.singular().get(Estimators.Model.CONTROL_OUTCOME);
        assertThat(aliased).isNotNull();
        assertThat(aliased[grouped.design.q + 9]).isTrue();
        assertThat(e.singular()).containsKey(Estimators.Model.CONTROL_OUTCOME);
    }

    @Test
    void aCovariateConstantWithinEveryChildIsLeftOutAndNamed() {
        CausalData base = pooled(-0.8, 5, false);
        int[] child = base.fixedEffects();
        double[] age = new double[base.size()];
        for (int i = 0; i < age.length; i++) {
            age[i] = 8 + child[i] % 5;
        }
        CausalSettings s = CausalSettings.defaults().withBootstrap(100).withRefute(false);
        CausalEstimate plain = CausalEngine.estimate(base, s);
        CausalEstimate withAge = CausalEngine.estimate(base.withCovariate("age", age), s);
        assertThat(withAge.warnings())
                .contains("covariates constant, or a combination of the other covariates, on the rows analysed, so "
                        + "left out of every model: age");
        assertThat(withAge.estimate()).isFinite().isCloseTo(plain.estimate(), within(1e-9));
        assertThat(withAge.ciLow()).isFinite().isCloseTo(plain.ciLow(), within(1e-9));
        assertThat(withAge.ciHigh()).isFinite().isCloseTo(plain.ciHigh(), within(1e-9));
    }

    @Test
    void theRowsAndTheDerivedDataKeepTheGroups() {
        CausalData d = pooled(-0.8, 6, false);
        int[] child = d.fixedEffects();
        assertThat(d.rows(new int[] {DAYS + 3, 5}).fixedEffects()).containsExactly(1, 0);
        assertThat(d.withTreatment(d.treated()).fixedEffects()).containsExactly(child);
        assertThat(d.withCovariate("noise", new double[d.size()]).fixedEffects())
                .containsExactly(child);
        assertThat(d.withSquaredTerms().fixedEffects()).containsExactly(child);
    }
}
