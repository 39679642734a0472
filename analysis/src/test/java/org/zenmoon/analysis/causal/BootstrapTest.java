package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    static final CausalSettings ATT = CausalSettings.defaults().withEstimand(Estimand.ATT);

    /** The rows of a resample written out: row i repeated as often as the resample drew it. */
    static CausalData written(CausalData data, double[] weights) {
        int[] rows = IntStream.range(0, weights.length)
                .flatMap(i -> IntStream.range(0, (int) weights[i]).map(k -> i))
                .toArray();
        return data.rows(rows);
    }

    @Test
    void eachResampleIsTrimmedByItsOwnPropensityFitAsTheDataWouldBe() {
        CausalData data = Synthetic.confounded(600, 1.0, 21);
        Estimators est = new Estimators(data, ATT);
        Set<Integer> trimmedCounts = new HashSet<>();
        for (int b = 0; b < 8; b++) {
            double[] w = Bootstrap.resampleWeights(data.size(), null, 42, b);
            Estimators.Estimates resample = est.estimate(w, EnumSet.of(Method.AIPW, Method.DIFFERENCE_IN_MEANS));
            // The same resample analysed from scratch as a data set: its own propensity fit, its own trimming.
            var fromScratch = CausalEngine.pointEstimates(written(data, w), ATT);
            for (Method m : new Method[] {Method.AIPW, Method.DIFFERENCE_IN_MEANS}) {
                assertThat(resample.value(m)).isFinite();
                assertThat(resample.value(m)).isCloseTo(fromScratch.get(m), within(1e-6));
            }
            trimmedCounts.add(resample.trimmed());
        }
        // Trimming happened, and not the same way in every resample: it is decided inside each one.
        assertThat(trimmedCounts).doesNotContain(0).hasSizeGreaterThan(1);
    }

    @Test
    void theTrimmedAnalysisResamplesTheWholeDataNotOnlyTheRowsTheDataKept() {
        CausalData data = Synthetic.confounded(600, 1.0, 21);
        CausalEstimate e = CausalEngine.estimate(data, ATT.withBootstrap(50).withRefute(false));
        assertThat(e.diagnostics().overlap().trimmed()).isPositive();
        assertThat(e.n()).isEqualTo(data.size() - e.diagnostics().overlap().trimmed());
        Bootstrap.Resamples direct = Bootstrap.draw(
                new Estimators(data, ATT), EnumSet.of(Method.AIPW, Method.DIFFERENCE_IN_MEANS), 50, 42, null);
        Bootstrap.Interval ci = direct.interval(Method.AIPW);
        assertThat(e.ciLow()).isEqualTo(ci.low());
        assertThat(e.ciHigh()).isEqualTo(ci.high());
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        double[] v = IntStream.rangeClosed(1, 41).mapToDouble(i -> i).toArray(); // 1..41
        Bootstrap.Interval ci = Bootstrap.percentile(v);
        // h = (n - 1) p = 40 · 0.025 = 1, so the 2.5% point is the second value; 97.5%: h = 39, the 40th.
        assertThat(ci.low()).isEqualTo(2.0);
        assertThat(ci.high()).isEqualTo(40.0);
        assertThat(ci.standardError()).isCloseTo(Math.sqrt(41 * 42 / 12.0), within(1e-12));
        assertThat(Bootstrap.percentile(new double[] {1, Double.NaN})).isEqualTo(Bootstrap.Interval.NONE);
    }
}
