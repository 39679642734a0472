package org.zenmoon.analysis.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastEngineTest {

    /** A measure a test compares must be a number: NaN would make some comparisons pass or fail by accident. */
    static double finite(double measure) {
        assertThat(Double.isFinite(measure))
                .as("finite measure, got %s", measure)
                .isTrue();
        return measure;
    }

    /** A child's hourly stress: a daily rhythm (calm nights, afternoon peak), a weekly one (school days) and noise. */
    static double[] childStress(int hours, long seed) {
        Random r = new Random(seed);
        double[] y = new double[hours];
        for (int t = 0; t < hours; t++) {
            int hour = t % 24;
            int day = (t / 24) % 7;
            boolean school = day < 5;
            double daily = hour < 7 ? 15 : 30 + 20 * Math.sin(Math.PI * (hour - 7) / 14.0);
            double weekly = school && hour >= 8 && hour <= 15 ? 15 : 0;
            y[t] = daily + weekly + r.nextGaussian() * 3;
        }
        return y;
    }

    @Test
    void onAChildsDailyAndWeeklyRhythmTheChosenModelBeatsSeasonalNaive() {
        double[] all = childStress(6 * 7 * 24 + 48, 7);
        double[] train = Arrays.copyOf(all, all.length - 48);
        double[] test = Arrays.copyOfRange(all, all.length - 48, all.length);
        var f = (ForecastOutcome.Forecast) ForecastEngine.forecast(train, ForecastSpec.hourly(48));
        double chosen = finite(Metrics.mase(train, test, f.mean(), 24));
        double snaive = finite(Metrics.mase(train, test, new Benchmarks.SeasonalNaive(24).forecast(train, 48), 24));
        assertThat(chosen).isLessThan(snaive);
        assertThat(f.model()).isNotEqualTo("snaive24");
    }

    @Test
    void intervalsAreNestedAroundThePointForecastAndCoverMostOfTheFuture() {
        double[] all = childStress(6 * 7 * 24 + 48, 11);
        double[] train = Arrays.copyOf(all, all.length - 48);
        double[] test = Arrays.copyOfRange(all, all.length - 48, all.length);
        var f = (ForecastOutcome.Forecast) ForecastEngine.forecast(train, ForecastSpec.hourly(48));
        for (int k = 0; k < 48; k++) {
            assertThat(f.lo95()[k]).isLessThanOrEqualTo(f.lo80()[k]);
            assertThat(f.lo80()[k]).isLessThanOrEqualTo(f.mean()[k]);
            assertThat(f.mean()[k]).isLessThanOrEqualTo(f.hi80()[k]);
            assertThat(f.hi80()[k]).isLessThanOrEqualTo(f.hi95()[k]);
        }
        assertThat(Metrics.covered(test, f.lo95(), f.hi95())).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theHourlyDesignIsTheOneChosenOnTheValidationSplit() {
        ForecastSpec spec = ForecastSpec.hourly(48);
        assertThat(spec.origins()).isEqualTo(6);
        assertThat(spec.originStep()).isEqualTo(24);
        assertThat(spec.intervalOrigins()).isEqualTo(20);
        assertThat(spec.intervalPool()).isEqualTo(12);
        assertThat(spec.candidates())
                .extracting(PointModel::name)
                .containsExactly(
                        "snaive24",
                        "hw-mul24",
                        "hw-add24",
                        "dshw24x168",
                        "median(dshw24x168,profile168x1,profile168x3,theta-sa168,hw-mul24)",
                        "theta-sa24",
                        "damped-sa24");
    }

    @Test
    void backtestAccuracyIsReportedWithTheForecast() throws Exception {
        var f = (ForecastOutcome.Forecast)
                ForecastEngine.forecast(M4Sample.train().get("H1"), ForecastSpec.hourly(48));
        assertThat(f.backtestOrigins()).isEqualTo(6);
        assertThat(finite(f.backtestSmape())).isBetween(0.0, 200.0);
        assertThat(finite(f.backtestMase())).isPositive();
    }

    @Test
    void tooLittleHistoryIsSaidExplicitly() {
        double[] y = childStress(30, 1);
        ForecastOutcome outcome = ForecastEngine.forecast(y, ForecastSpec.hourly(24));
        assertThat(outcome).isInstanceOfSatisfying(ForecastOutcome.InsufficientHistory.class, ih -> {
            assertThat(ih.available()).isEqualTo(30);
            assertThat(ih.required()).isGreaterThan(30);
            assertThat(ih.reason()).contains("30 available");
        });
    }

    @Test
    void gapsMustBeResolvedBeforeForecasting() {
        double[] y = childStress(400, 1);
        y[100] = Double.NaN;
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ForecastEngine.forecast(y, ForecastSpec.hourly(24)));
    }

    @Test
    void isDeterministicAndBeatsSeasonalNaiveOnRealM4Series() throws Exception {
        Map<String, double[]> train = M4Sample.train();
        Map<String, double[]> test = M4Sample.test();
        double sumAuto = 0;
        double sumNaive = 0;
        for (String id : train.keySet()) {
            var f = (ForecastOutcome.Forecast) ForecastEngine.forecast(train.get(id), ForecastSpec.hourly(48));
            var again = (ForecastOutcome.Forecast) ForecastEngine.forecast(train.get(id), ForecastSpec.hourly(48));
            assertThat(again.mean()).containsExactly(f.mean());
            assertThat(Arrays.stream(f.mean()).allMatch(v -> v >= 0)).isTrue();
            sumAuto += finite(Metrics.smape(test.get(id), f.mean()));
            sumNaive +=
                    finite(Metrics.smape(test.get(id), new Benchmarks.SeasonalNaive(24).forecast(train.get(id), 48)));
        }
        assertThat(sumAuto).isLessThan(sumNaive);
    }

    @Test
    void everyModelForecastsTheHorizonWithFiniteValues() throws Exception {
        double[] y = M4Sample.train().get("H1");
        for (PointModel m : ForecastSpec.defaultCandidates(24, 168)) {
            double[] f = m.forecast(y, 48);
            assertThat(f).as(m.name()).hasSize(48);
            assertThat(Arrays.stream(f).allMatch(Double::isFinite)).as(m.name()).isTrue();
        }
        for (PointModel m : new PointModel[] {
            ExponentialSmoothing.ses(),
            ExponentialSmoothing.holt(),
            ExponentialSmoothing.damped(),
            new Benchmarks.Naive()
        }) {
            double[] f = m.forecast(y, 48);
            assertThat(f).as(m.name()).hasSize(48);
            assertThat(Arrays.stream(f).allMatch(Double::isFinite)).as(m.name()).isTrue();
        }
    }
}
