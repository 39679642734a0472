package org.zenmoon.analysis.forecast.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.forecast.Benchmarks;
import org.zenmoon.analysis.forecast.ForecastOutcome;
import org.zenmoon.analysis.forecast.ForecastSpec;

/** The M4 measures on the three M4 Hourly series in the test resources, and what happens when one is not finite. */
class M4EvaluationTest {

    static List<M4Series> sample(String file) throws Exception {
        try (Reader in = new InputStreamReader(
                M4EvaluationTest.class.getResourceAsStream("/forecast/" + file), StandardCharsets.UTF_8)) {
            return M4Series.read(in, file);
        }
    }

    static void assertFinite(PointAccuracy p) {
        assertThat(Double.isFinite(p.smape())).isTrue();
        assertThat(Double.isFinite(p.mase())).isTrue();
    }

    @Test
    void testSplitScoresEverySeriesWithFiniteM4Measures() throws Exception {
        List<Holdout> test =
                Holdout.test(sample("m4-hourly-train-sample.csv"), sample("m4-hourly-test-sample.csv"), 48);
        M4Accuracy r = M4Evaluation.run(test, ForecastSpec.hourly(48));

        assertThat(r.series()).isEqualTo(3);
        assertThat(r.evaluated()).isEqualTo(3);
        assertThat(r.insufficientHistory()).isEmpty();
        for (SeriesAccuracy s : r.perSeries()) {
            assertFinite(s.forecast());
            assertFinite(s.naive2());
            assertFinite(s.seasonalNaive());
            assertThat(Double.isFinite(s.msis())).isTrue();
            assertThat(s.coverage95()).isBetween(0.0, 1.0);
            assertThat(s.coverage80()).isBetween(0.0, s.coverage95());
        }
        assertFinite(r.forecast());
        assertThat(Double.isFinite(r.owa())).isTrue();
        assertThat(Double.isFinite(r.msis())).isTrue();

        // the benchmarks' figures, recomputed independently (BenchmarksTest)
        SeriesAccuracy h1 = r.perSeries().get(0);
        SeriesAccuracy h150 = r.perSeries().get(1);
        assertThat(h1.id()).isEqualTo("H1");
        assertThat(h1.seasonalNaive().smape()).isCloseTo(5.262881, within(1e-5));
        assertThat(h1.seasonalNaive().mase()).isCloseTo(0.827014, within(1e-5));
        assertThat(h150.naive2().smape()).isCloseTo(35.176657, within(1e-4));
        assertThat(h150.naive2().mase()).isCloseTo(0.89657, within(1e-4));

        // averages over series, OWA from the averages
        double smape = r.perSeries().stream()
                .mapToDouble(s -> s.forecast().smape())
                .average()
                .orElseThrow();
        assertThat(r.forecast().smape()).isCloseTo(smape, within(1e-12));
        assertThat(r.owa())
                .isCloseTo(
                        0.5
                                * (r.forecast().smape() / r.naive2().smape()
                                        + r.forecast().mase() / r.naive2().mase()),
                        within(1e-12));
        assertThat(r.models().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(3);
    }

    @Test
    void aFixedModelIsScoredAsTheSameModelInsideTheEvaluation() throws Exception {
        List<Holdout> test =
                Holdout.test(sample("m4-hourly-train-sample.csv"), sample("m4-hourly-test-sample.csv"), 48);
        PointAccuracy snaive = M4Evaluation.score(test, new Benchmarks.SeasonalNaive(24), 24);
        M4Accuracy all = M4Evaluation.run(test, ForecastSpec.hourly(48));
        assertFinite(snaive);
        assertThat(snaive.smape()).isCloseTo(all.seasonalNaive().smape(), within(1e-12));
        assertThat(snaive.mase()).isCloseTo(all.seasonalNaive().mase(), within(1e-12));
    }

    @Test
    void validationSplitHoldsOutTheLastValuesOfTheTrainingSeries() throws Exception {
        M4Series h1 = sample("m4-hourly-train-sample.csv").get(0);
        Holdout v = Holdout.validation(List.of(h1), 48).get(0);
        int n = h1.values().length;
        assertThat(v.history()).containsExactly(Arrays.copyOf(h1.values(), n - 48));
        assertThat(v.future()).containsExactly(Arrays.copyOfRange(h1.values(), n - 48, n));
    }

    @Test
    void aSeriesWhoseMaseWouldBeInfiniteIsReportedAsAnErrorNamingIt() {
        // the history repeats exactly every 24 h, so the in-sample seasonal naive error (MASE's scale) is 0
        double[] history = new double[24 * 10];
        for (int t = 0; t < history.length; t++) {
            history[t] = 10 + t % 24;
        }
        double[] future = new double[48];
        Arrays.fill(future, 50);
        Holdout flat = new Holdout("H-periodic", history, future);
        ForecastOutcome outcome =
                M4Evaluation.forecastAll(List.of(flat), ForecastSpec.hourly(48)).get(0);

        assertThatThrownBy(() -> M4Evaluation.evaluate(List.of(flat), List.of(outcome), 24))
                .isInstanceOfSatisfying(NonFiniteMetricException.class, e -> {
                    assertThat(e.seriesId()).isEqualTo("H-periodic");
                    assertThat(e.metric()).isEqualTo("MASE");
                    assertThat(e.value()).isInfinite();
                })
                .hasMessageContaining("series H-periodic")
                .hasMessageContaining("scale");
    }

    @Test
    void aSeriesWithTooLittleHistoryIsListedNotAveraged() throws Exception {
        List<M4Series> train = sample("m4-hourly-train-sample.csv");
        List<M4Series> test = sample("m4-hourly-test-sample.csv");
        M4Series shortOne = new M4Series("H-short", Arrays.copyOf(train.get(0).values(), 30));
        List<Holdout> series = Holdout.test(
                List.of(train.get(0), shortOne),
                List.of(test.get(0), new M4Series("H-short", test.get(0).values())),
                48);
        M4Accuracy r = M4Evaluation.run(series, ForecastSpec.hourly(48));
        assertThat(r.series()).isEqualTo(2);
        assertThat(r.evaluated()).isEqualTo(1);
        assertThat(r.insufficientHistory()).containsExactly("H-short");
        assertFinite(r.forecast());
    }

    @Test
    void aTestFileWithoutTheSeriesOrWithTooFewValuesIsRejected() throws Exception {
        List<M4Series> train = sample("m4-hourly-train-sample.csv");
        List<M4Series> test = sample("m4-hourly-test-sample.csv");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Holdout.test(train, test.subList(0, 2), 48))
                .withMessageContaining("H300");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Holdout.test(train, test, 49))
                .withMessageContaining("49");
    }

    @Test
    void readsQuotedWideRowsOfDifferentLengthsAndRejectsANonNumber() throws Exception {
        List<M4Series> s =
                M4Series.read(new StringReader("\"V1\",\"V2\",\"V3\"\n\"A\",\"1\",\"2\"\n\"B\",\"3\",\n"), "x");
        assertThat(s).extracting(M4Series::id).containsExactly("A", "B");
        assertThat(s.get(1).values()).containsExactly(3);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> M4Series.read(new StringReader("V1,V2\nA,x\n"), "bad.csv"))
                .withMessageContaining("bad.csv line 2 column V2");
    }
}
