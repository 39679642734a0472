package org.zenmoon.analysis.chronotype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The MCTQ formulas, worked by hand. */
class MctqTest {

    static MctqAnswers.Section section(String prep, double latency, String end, Boolean alarm) {
        return new MctqAnswers.Section(minutes(prep), latency, minutes(end), alarm);
    }

    static double minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
    }

    @Test
    void aLateSleeperWithSleepDebtOnSchoolDays() {
        // Workdays: onset 23:00 + 30 = 23:30, end 06:30 → SD 7 h, MSW 03:00.
        // Free days: onset 00:30 + 30 = 01:00, end 10:00 → SD 9 h, MSF 05:30.
        // SD_week = (7·5 + 9·2)/7 = 7.571 h; MSFsc = 05:30 − (9 − 7.571)/2 h = 04:47:09.
        MctqResult r = Mctq.compute(
                new MctqAnswers(5, section("23:00", 30, "06:30", true), section("00:30", 30, "10:00", false)));
        assertThat(r.soW()).isEqualTo(minutes("23:30"));
        assertThat(r.sdW()).isEqualTo(420);
        assertThat(r.msw()).isEqualTo(180);
        assertThat(r.msf()).isEqualTo(330);
        assertThat(r.sdWeek()).isCloseTo((420 * 5 + 540 * 2) / 7.0, within(1e-9));
        assertThat(ClockMinutes.format(r.msfSc())).isEqualTo("04:47:09");
        assertThat(r.socialJetlag()).isEqualTo(150);
    }

    @Test
    void msfIsNotCorrectedWhenFreeDaySleepIsNoLonger() {
        MctqResult r = Mctq.compute(
                new MctqAnswers(5, section("22:00", 0, "07:00", false), section("23:00", 0, "07:00", false)));
        assertThat(r.msfSc()).isEqualTo(r.msf());
    }

    @Test
    void anAlarmOnFreeDaysLeavesMsfScUndefinedButNotTheRest() {
        MctqResult r = Mctq.compute(
                new MctqAnswers(5, section("23:00", 30, "06:30", true), section("00:30", 30, "10:00", true)));
        assertThat(r.msfSc()).isNull();
        assertThat(r.msf()).isEqualTo(330);
        assertThat(r.socialJetlag()).isEqualTo(150);
    }

    @Test
    void socialJetlagGoesTheShortWayRoundTheClock() {
        // MSW 23:30 (onset 21:00, 5 h) and MSF 00:30 (onset 20:00, 9 h): one hour apart, not 23.
        MctqResult r = Mctq.compute(
                new MctqAnswers(5, section("21:00", 0, "02:00", false), section("20:00", 0, "05:00", false)));
        assertThat(r.msw()).isEqualTo(minutes("23:30"));
        assertThat(r.msf()).isEqualTo(minutes("00:30"));
        assertThat(r.socialJetlag()).isEqualTo(60);
    }

    @Test
    void withoutWorkDaysSdWeekIsUndefinedAsInMctq() {
        MctqResult r = Mctq.compute(
                new MctqAnswers(null, section("23:00", 30, "06:30", true), section("00:30", 30, "10:00", false)));
        assertThat(r.sdWeek()).isNull();
        assertThat(r.msfSc()).isNull();
    }
}
