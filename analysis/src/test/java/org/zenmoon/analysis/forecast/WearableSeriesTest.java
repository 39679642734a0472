package org.zenmoon.analysis.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.epoch.WearableEpoch;

class WearableSeriesTest {

    private static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");

    /** Minute epochs with stress = hour index, except for the hours in {@code off} (device not worn). */
    private static List<WearableEpoch> minutes(int hours, int... off) {
        List<WearableEpoch> e = new ArrayList<>();
        outer:
        for (int h = 0; h < hours; h++) {
            for (int o : off) {
                if (o == h) {
                    continue outer;
                }
            }
            for (int m = 0; m < 60; m++) {
                e.add(WearableEpoch.ofStress(T0.plus(Duration.ofMinutes(60L * h + m)), h));
            }
        }
        return e;
    }

    @Test
    void minuteEpochsBecomeHourlyMeans() {
        RegularSeries s = WearableSeries.hourlyStress(minutes(5));
        assertThat(s.values()).containsExactly(0, 1, 2, 3, 4);
        assertThat(s.start()).isEqualTo(T0);
        assertThat(s.next()).isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(s.note()).isEqualTo("complete");
    }

    @Test
    void shortGapsAreInterpolatedAndFlagged() {
        RegularSeries s = WearableSeries.hourlyStress(minutes(8, 3, 4));
        assertThat(s.values()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(s.imputed()).containsExactly(false, false, false, true, true, false, false, false);
        assertThat(s.note()).contains("2 missing slot(s)");
    }

    @Test
    void longGapsAreNeverBridged() {
        RegularSeries s = WearableSeries.hourlyStress(minutes(12, 2, 3, 4, 5, 6));
        assertThat(s.values()).containsExactly(7, 8, 9, 10, 11);
        assertThat(s.start()).isEqualTo(T0.plus(Duration.ofHours(7)));
        assertThat(s.imputedCount()).isZero();
        assertThat(s.discarded()).isEqualTo(7);
        assertThat(s.note()).contains("restarts after a gap");
    }

    @Test
    void hoursWithTooFewMinutesAreMissing() {
        List<WearableEpoch> e = new ArrayList<>(minutes(3));
        e.removeIf(x -> x.start().isAfter(T0.plus(Duration.ofMinutes(60 + 10)))
                && x.start().isBefore(T0.plus(Duration.ofMinutes(120))));
        RegularSeries s = WearableSeries.hourlyStress(e);
        assertThat(s.imputed()).containsExactly(false, true, false);
    }

    @Test
    void aDeviceOffForDaysLeavesTooLittleHistoryAndTheForecastSaysSo() {
        List<WearableEpoch> e = new ArrayList<>(minutes(24 * 14));
        e.removeIf(x -> x.start().isBefore(T0.plus(Duration.ofHours(24 * 13)))
                && x.start().isAfter(T0.plus(Duration.ofHours(24))));
        WellbeingForecasts.Result r = WellbeingForecasts.stress(e, 24);
        assertThat(r.series().values()).hasSize(24);
        assertThat(r.outcome()).isInstanceOf(ForecastOutcome.InsufficientHistory.class);
    }

    @Test
    void nightlySleepCountsAsleepMinutesPerNight() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        List<WearableEpoch> e = new ArrayList<>();
        Instant start = Instant.parse("2024-03-04T11:00:00Z"); // noon in Berlin
        for (int night = 0; night < 21; night++) {
            for (int m = 0; m < 24 * 60; m++) {
                Instant t = start.plus(Duration.ofMinutes(night * 24L * 60 + m));
                int localHour = t.atZone(zone).getHour();
                boolean asleep = localHour >= 21 || localHour < 7 - (night % 7 >= 5 ? -1 : 0);
                e.add(WearableEpoch.ofSleepState(t, asleep));
            }
        }
        RegularSeries s = WearableSeries.nightlySleep(e, zone, 8 * 60);
        assertThat(s.values()).hasSize(21);
        assertThat(s.values()[0]).isEqualTo(10.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(s.values()[5]).isEqualTo(11.0, org.assertj.core.api.Assertions.within(1e-9));
        WellbeingForecasts.Result r = WellbeingForecasts.sleep(e, zone, 2);
        assertThat(r.outcome()).isInstanceOf(ForecastOutcome.Forecast.class);
        // Three identical weeks: the next two nights are weekday nights of 10 hours.
        ForecastOutcome.Forecast f = (ForecastOutcome.Forecast) r.outcome();
        assertThat(f.mean()).hasSize(2);
        for (int step = 0; step < 2; step++) {
            assertThat(f.mean()[step]).isCloseTo(10.0, org.assertj.core.api.Assertions.within(0.25));
            assertThat(f.lo95()[step]).isLessThanOrEqualTo(f.mean()[step]);
            assertThat(f.hi95()[step]).isGreaterThanOrEqualTo(f.mean()[step]);
        }
    }
}
