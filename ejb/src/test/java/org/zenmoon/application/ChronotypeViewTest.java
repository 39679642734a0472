package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;

/** The API's spelling of a chronotype: clock times, ISO durations, and no figures without enough nights. */
class ChronotypeViewTest {

    static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void figuresAreShownAsClockTimesAndDurations() {
        Chronotype c = new Chronotype(
                Chronotype.Status.OK,
                null,
                42,
                30,
                12,
                180.0,
                300.0,
                252.4,
                485.0,
                580.0,
                510.0,
                95.4,
                ChronotypeCategory.NIGHT_OWL);
        ChronotypeView v = ChronotypeView.of(c, NOW);
        assertThat(v.status()).isEqualTo("ok");
        assertThat(v.msfSc()).isEqualTo("04:12");
        assertThat(v.category()).isEqualTo("night_owl");
        assertThat(v.socialJetlagMinutes()).isEqualTo(95L);
        assertThat(v.sleepDurationSchoolDays()).isEqualTo("PT8H5M");
        assertThat(v.sleepDurationFreeDays()).isEqualTo("PT9H40M");
        assertThat(v.computedAt()).isEqualTo(NOW);
    }

    @Test
    void aMidSleepAfterMidnightWrapsAroundTheClock() {
        assertThat(ChronotypeView.clockTime(1440.0 + 30)).isEqualTo("00:30");
        assertThat(ChronotypeView.clockTime(-30.0)).isEqualTo("23:30");
    }

    @Test
    void tooFewNightsShowNoFiguresButSayWhy() {
        Chronotype c = Chronotype.insufficient("9 nights; 14 are needed", 9, 7, 2);
        ChronotypeView v = ChronotypeView.of(c, NOW);
        assertThat(v.status()).isEqualTo("insufficient_data");
        assertThat(v.reason()).contains("14");
        assertThat(v.msfSc()).isNull();
        assertThat(v.category()).isNull();
        assertThat(v.nights()).isEqualTo(9);
    }
}
