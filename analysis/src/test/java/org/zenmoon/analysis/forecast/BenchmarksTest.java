package org.zenmoon.analysis.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The M4 benchmarks and measures on real M4 Hourly series, against an independent recomputation. */
class BenchmarksTest {

    static double finite(double measure) {
        return ForecastEngineTest.finite(measure);
    }

    @Test
    void seasonalNaiveMatchesTheM4Measures() throws Exception {
        Map<String, double[]> train = M4Sample.train();
        Map<String, double[]> test = M4Sample.test();
        double[] f = new Benchmarks.SeasonalNaive(24).forecast(train.get("H1"), 48);
        assertThat(finite(Metrics.smape(test.get("H1"), f))).isCloseTo(5.262881, within(1e-5));
        assertThat(finite(Metrics.mase(train.get("H1"), test.get("H1"), f, 24))).isCloseTo(0.827014, within(1e-5));
    }

    @Test
    void naive2DeseasonalisesSeasonalSeriesAsM4Does() throws Exception {
        Map<String, double[]> train = M4Sample.train();
        Map<String, double[]> test = M4Sample.test();
        assertThat(Seasonality.isSeasonal(train.get("H150"), 24)).isTrue();
        double[] f = new Benchmarks.Naive2(24).forecast(train.get("H150"), 48);
        assertThat(finite(Metrics.smape(test.get("H150"), f))).isCloseTo(35.176657, within(1e-4));
        assertThat(finite(Metrics.mase(train.get("H150"), test.get("H150"), f, 24)))
                .isCloseTo(0.89657, within(1e-4));
    }

    @Test
    void naive2IsPlainNaiveWithoutSeasonality() {
        double[] y = new double[100];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 + i % 2; // a period-2 wiggle, nothing at lag 24
        }
        y[99] = 7;
        assertThat(Seasonality.isSeasonal(y, 24)).isFalse();
        assertThat(new Benchmarks.Naive2(24).forecast(y, 3)).containsExactly(7, 7, 7);
    }

    @Test
    void measuresFollowTheM4Definitions() {
        double[] insample = {1, 2, 3, 4, 5, 6};
        double[] actual = {10, 20};
        double[] f = {12, 20};
        assertThat(finite(Metrics.smape(actual, f))).isCloseTo(200.0 * 2 / 22 / 2, within(1e-12));
        // seasonal naive scale with m = 2: mean |y_t - y_{t-2}| = 2
        assertThat(finite(Metrics.mase(insample, actual, f, 2))).isCloseTo(1.0 / 2, within(1e-12));
        double[] lo = {11, 21};
        double[] hi = {13, 23};
        // widths 2+2, both values 1 below their intervals: penalty 2/0.05·1 = 40 each
        assertThat(finite(Metrics.msis(insample, actual, lo, hi, 0.05, 2)))
                .isCloseTo((4 + 80) / 2.0 / 2, within(1e-12));
        assertThat(Metrics.covered(actual, lo, hi)).isEqualTo(0);
        assertThat(finite(Metrics.owa(9, 1, 18, 2))).isEqualTo(0.5);
    }
}
