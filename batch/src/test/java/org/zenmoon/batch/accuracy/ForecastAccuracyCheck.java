package org.zenmoon.batch.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.forecast.Deseasonalised;
import org.zenmoon.analysis.forecast.ExponentialSmoothing;
import org.zenmoon.analysis.forecast.ForecastSpec;
import org.zenmoon.analysis.forecast.Theta;
import org.zenmoon.analysis.forecast.evaluation.Holdout;
import org.zenmoon.analysis.forecast.evaluation.M4Accuracy;
import org.zenmoon.analysis.forecast.evaluation.M4Evaluation;
import org.zenmoon.analysis.forecast.evaluation.M4Series;
import org.zenmoon.analysis.forecast.evaluation.PointAccuracy;
import org.zenmoon.analysis.forecast.evaluation.SeriesAccuracy;

/**
 * The automatic forecast on all 414 M4 Hourly series, horizon 48, with the frozen design of
 * {@link ForecastSpec#hourly}: scored on the validation split (the last 48 training values held out; where the
 * design was chosen) and once on the test file (where it is judged against the goal). Nothing is chosen here.
 * Prints the table for docs/analyses/forecast.md. Run from batch/ with -Dzenmoon.shared.data=... if elsewhere.
 */
class ForecastAccuracyCheck {

    static final int HORIZON = 48;

    private static M4Accuracy validation;
    private static M4Accuracy test;
    private static PointAccuracy ses;
    private static PointAccuracy theta;
    private static PointAccuracy damped;

    private static Path m4(String file) {
        return Path.of(System.getProperty("zenmoon.shared.data", "../../shared/data"), "m4", file);
    }

    @BeforeAll
    static void forecastWholeM4Hourly() throws Exception {
        assertThat(m4("Hourly-train.csv"))
                .as("M4 Hourly data (set -Dzenmoon.shared.data)")
                .isRegularFile();
        List<M4Series> train = M4Series.read(m4("Hourly-train.csv"));
        List<M4Series> testValues = M4Series.read(m4("Hourly-test.csv"));
        ForecastSpec spec = ForecastSpec.hourly(HORIZON);
        long t0 = System.nanoTime();
        validation = M4Evaluation.run(Holdout.validation(train, HORIZON), spec);
        long t1 = System.nanoTime();
        test = M4Evaluation.run(Holdout.test(train, testValues, HORIZON), spec);
        long t2 = System.nanoTime();
        // M4's other benchmarks on the test file: fixed models, nothing chosen
        List<Holdout> testSplit = Holdout.test(train, testValues, HORIZON);
        ses = M4Evaluation.score(testSplit, new Deseasonalised(ExponentialSmoothing.ses(), 24), 24);
        theta = M4Evaluation.score(testSplit, new Theta(24), 24);
        damped = M4Evaluation.score(testSplit, new Deseasonalised(ExponentialSmoothing.damped(), 24), 24);
        System.out.printf(
                Locale.ROOT,
                """
                M4 Hourly, 414 series, h = 48: validation (last 48 training values held out) | test (official file)
                | method | validation sMAPE | MASE | OWA | test sMAPE | MASE | OWA | official test |
                |---|---|---|---|---|---|---|---|
                | Naive2 | %s | %s | 18.383 / 2.395 / 1.000 |
                | sNaive | %s | %s | 13.912 / 1.193 / 0.627 |
                | SES, Theta, Damped (test only) | | | | %.3f / %.3f, %.3f / %.3f, %.3f / %.3f | | | 18.094 / 2.385, 18.138 / 2.455, 19.265 / 2.956 |
                | ZenMoon automatic | %s | %s | goal ≤ 12.0 / ≤ 1.00 |
                | 95%% interval: coverage, MSIS | %.4f | %.3f | | %.4f | %.3f | | |
                | 80%% interval: coverage | %.4f | | | %.4f | | | |
                models chosen, validation: %s
                models chosen, test: %s
                run time: validation %.1f s, test %.1f s
                %n""",
                row(validation.naive2(), 1),
                row(test.naive2(), 1),
                row(validation.seasonalNaive(), validation.seasonalNaiveOwa()),
                row(test.seasonalNaive(), test.seasonalNaiveOwa()),
                ses.smape(),
                ses.mase(),
                theta.smape(),
                theta.mase(),
                damped.smape(),
                damped.mase(),
                row(validation.forecast(), validation.owa()),
                row(test.forecast(), test.owa()),
                validation.coverage95(),
                validation.msis(),
                test.coverage95(),
                test.msis(),
                validation.coverage80(),
                test.coverage80(),
                new TreeMap<>(validation.models()),
                new TreeMap<>(test.models()),
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9);
    }

    private static String row(PointAccuracy p, double owa) {
        return String.format(Locale.ROOT, "%.3f | %.3f | %.3f", p.smape(), p.mase(), owa);
    }

    @Test
    void everySeriesIsForecastAndEveryMeasureIsFinite() {
        for (M4Accuracy r : List.of(validation, test)) {
            assertThat(r.evaluated()).isEqualTo(414);
            assertThat(r.insufficientHistory()).isEmpty();
            for (SeriesAccuracy s : r.perSeries()) {
                assertThat(List.of(
                                s.forecast().smape(),
                                s.forecast().mase(),
                                s.naive2().smape(),
                                s.naive2().mase(),
                                s.msis()))
                        .as(s.id())
                        .allMatch(Double::isFinite);
            }
            assertThat(List.of(r.forecast().smape(), r.forecast().mase(), r.owa(), r.msis()))
                    .allMatch(Double::isFinite);
        }
    }

    @Test
    void validationReproducesTheFiguresTheDesignWasChosenOn() {
        // recorded in ForecastSpec: if the engine changes, the design is chosen again on the validation split
        // (bench/forecast/run.sh), never adjusted to the test figures below
        assertThat(validation.forecast().smape()).isCloseTo(9.956, within(0.01));
        assertThat(validation.forecast().mase()).isCloseTo(0.938, within(0.002));
        assertThat(validation.coverage95()).isCloseTo(0.932, within(0.002));
    }

    @Test
    void naive2ReproducesTheOfficialFigures() {
        assertThat(test.naive2().smape()).isBetween(18.373, 18.393);
        assertThat(test.naive2().mase()).isBetween(2.385, 2.405);
    }

    @Test
    void seasonalNaiveReproducesTheOfficialFigures() {
        assertThat(test.seasonalNaive().smape()).isBetween(13.902, 13.922);
        assertThat(test.seasonalNaive().mase()).isBetween(1.183, 1.203);
    }

    @Test
    void sesThetaAndDampedComeCloseToTheOfficialFigures() {
        // SSE-fitted, not full-likelihood ETS: the third digit may differ
        assertThat(ses.smape()).isCloseTo(18.094, within(0.2));
        assertThat(ses.mase()).isCloseTo(2.385, within(0.05));
        assertThat(theta.smape()).isCloseTo(18.138, within(0.2));
        assertThat(theta.mase()).isCloseTo(2.455, within(0.05));
        assertThat(damped.smape()).isCloseTo(19.265, within(0.3));
        assertThat(damped.mase()).isCloseTo(2.956, within(0.1));
    }

    @Test
    void automaticConfigurationBeatsSeasonalNaiveOnBothMeasures() {
        assertThat(test.forecast().smape()).isLessThan(test.seasonalNaive().smape());
        assertThat(test.forecast().mase()).isLessThan(test.seasonalNaive().mase());
    }

    @Test
    void automaticConfigurationMeetsTheGoalOnTheTestSet() {
        assertThat(test.forecast().smape()).isLessThanOrEqualTo(12.0);
        assertThat(test.forecast().mase()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void ninetyFivePercentIntervalsCoverBetween90And98Percent() {
        assertThat(test.coverage95()).isBetween(0.90, 0.98);
    }
}
