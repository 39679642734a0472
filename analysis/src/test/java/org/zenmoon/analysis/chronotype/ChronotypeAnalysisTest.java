package org.zenmoon.analysis.chronotype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.sleep.SleepEpisode;

/** Chronotype from detected nights: the school calendar, the minimum data, and age-dependent categories. */
class ChronotypeAnalysisTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final ChronotypeAnalysis ANALYSIS = ChronotypeAnalysis.defaults(ZONE);

    /**
     * Nights from Monday 5 January 2026 (no clock change for weeks): school nights 21:30-07:00 (9.5 h), nights
     * before a free day 22:30-09:30 (11 h).
     */
    static List<SleepNight> nights(int count, SchoolCalendar calendar) {
        List<SleepNight> out = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 1, 5);
        for (int i = 0; i < count; i++) {
            LocalDate evening = first.plusDays(i);
            boolean free = calendar.isFreeNight(evening);
            ZonedDateTime onset = evening.atTime(free ? 22 : 21, 30).atZone(ZONE);
            ZonedDateTime wake =
                    evening.plusDays(1).atTime(free ? 9 : 7, free ? 30 : 0).atZone(ZONE);
            out.add(new SleepNight(onset.toInstant(), wake.toInstant(), null));
        }
        return out;
    }

    @Test
    void fourWeeksGiveMsfCorrectedForSleepDebt() {
        Chronotype c = ANALYSIS.analyse(nights(28, SchoolCalendar.weekends()), 10.0);
        assertThat(c.status()).isEqualTo(Chronotype.Status.OK);
        assertThat(c.freeNights()).isEqualTo(8);
        assertThat(c.schoolNights()).isEqualTo(20);
        assertThat(c.msf()).isCloseTo(4 * 60, within(1e-6)); // 22:30 + 5:30
        assertThat(c.msw()).isCloseTo(2 * 60 + 15, within(1e-6)); // 21:30 + 4:45
        double sdWeek = (570.0 * 20 + 660 * 8) / 28;
        assertThat(c.msfSc()).isCloseTo(240 - (660 - sdWeek) / 2, within(1e-6));
        assertThat(c.socialJetlag()).isCloseTo(105, within(1e-6));
    }

    @Test
    void aChildWithTooFewNightsGetsInsufficientData() {
        Chronotype c = ANALYSIS.analyse(nights(13, SchoolCalendar.weekends()), 10.0);
        assertThat(c.status()).isEqualTo(Chronotype.Status.INSUFFICIENT_DATA);
        assertThat(c.reason()).isEqualTo("13 nights, at least 14 needed");
        assertThat(c.msfSc()).isNull();
        assertThat(c.category()).isNull();
    }

    @Test
    void enoughNightsButTooFewFreeOnesIsInsufficientToo() {
        // The file says which nights were free: here only one of 14.
        List<SleepNight> n = nights(14, SchoolCalendar.weekends());
        List<SleepNight> schoolOnly = new ArrayList<>(n);
        schoolOnly.replaceAll(x -> new SleepNight(x.onset(), x.wake(), false));
        schoolOnly.set(4, new SleepNight(n.get(4).onset(), n.get(4).wake(), true));
        Chronotype c = ANALYSIS.analyse(schoolOnly, 10.0);
        assertThat(c.status()).isEqualTo(Chronotype.Status.INSUFFICIENT_DATA);
        assertThat(c.reason()).isEqualTo("1 free nights, at least 4 needed");
    }

    @Test
    void aNightAcrossTheSpringClockChangeIsAnHourShorter() {
        ZonedDateTime onset = LocalDate.of(2026, 3, 28).atTime(22, 30).atZone(ZONE);
        ZonedDateTime wake = LocalDate.of(2026, 3, 29).atTime(9, 30).atZone(ZONE);
        List<SleepNight> n = new ArrayList<>(nights(27, SchoolCalendar.weekends()));
        n.add(new SleepNight(onset.toInstant(), wake.toInstant(), true));
        Chronotype c = ANALYSIS.analyse(n, 10.0);
        // 8 free nights in January of 11 h, and 22:30-09:30 on 28/29 March, which is 10 h elapsed.
        assertThat(c.freeNights()).isEqualTo(9);
        assertThat(c.sleepDurationFreeDays()).isCloseTo((8 * 660 + 600) / 9.0, within(1e-6));
    }

    @Test
    void onlyUntruncatedMainSleepsCount() {
        List<SleepEpisode> episodes = new ArrayList<>();
        for (SleepNight n : nights(20, SchoolCalendar.weekends())) {
            LocalDate night = n.onset().atZone(ZONE).toLocalDate();
            episodes.add(new SleepEpisode(night, n.onset(), n.wake(), SleepEpisode.Kind.MAIN, 500, 10, false));
            episodes.add(new SleepEpisode(
                    night,
                    n.onset().minusSeconds(6 * 3600),
                    n.onset().minusSeconds(5 * 3600),
                    SleepEpisode.Kind.NAP,
                    60,
                    0,
                    false));
        }
        for (int i = 0; i < 10; i++) {
            SleepEpisode e = episodes.get(2 * i);
            episodes.set(2 * i, new SleepEpisode(e.night(), e.onset(), e.wake(), e.kind(), 500, 10, true));
        }
        Chronotype c = ANALYSIS.analyseEpisodes(episodes, 10.0);
        assertThat(c.nights()).isEqualTo(10);
        assertThat(c.status()).isEqualTo(Chronotype.Status.INSUFFICIENT_DATA);
    }

    @Test
    void holidaysCountAsFreeNights() {
        SchoolCalendar winter =
                SchoolCalendar.weekends().withHolidays(Set.of(LocalDate.of(2026, 1, 7), LocalDate.of(2026, 1, 8)));
        assertThat(winter.isFreeNight(LocalDate.of(2026, 1, 6))).isTrue();
        assertThat(winter.isFreeNight(LocalDate.of(2026, 1, 5))).isFalse();
        Chronotype c = new ChronotypeAnalysis(ZONE, winter, AgeNorms.DEFAULT, 14, 4).analyse(nights(14, winter), 10.0);
        assertThat(c.freeNights()).isEqualTo(6);
    }

    @Test
    void theSameMsfScIsLateForAChildAndOrdinaryForALateTeen() {
        AgeNorms norms = AgeNorms.DEFAULT;
        double fourThirty = 4 * 60 + 30;
        assertThat(norms.categorise(fourThirty, 8)).isEqualTo(ChronotypeCategory.NIGHT_OWL);
        assertThat(norms.categorise(fourThirty, 17)).isEqualTo(ChronotypeCategory.INTERMEDIATE);
        assertThat(norms.categorise(2 * 60, 17)).isEqualTo(ChronotypeCategory.EARLY_BIRD);
        assertThat(norms.categorise(23 * 60 + 30, 8))
                .as("before midnight is early, not 20 h late")
                .isEqualTo(ChronotypeCategory.EARLY_BIRD);
        assertThat(norms.referenceMsfSc(19))
                .isGreaterThan(norms.referenceMsfSc(12))
                .isGreaterThan(norms.referenceMsfSc(7));
    }

    @Test
    void cohortViewDescribesTheSpreadAcrossMidnightWithoutCategorising() {
        List<Chronotype> kids = new ArrayList<>();
        for (double msfSc : new double[] {23 * 60 + 30, 30, 60, 120, 180}) {
            kids.add(new Chronotype(
                    Chronotype.Status.OK, null, 20, 14, 6, null, null, msfSc, null, null, 540.0, null, null));
        }
        kids.add(ANALYSIS.analyse(nights(3, SchoolCalendar.weekends()), 9.0));
        CohortSleepDistribution d = CohortSleepDistribution.of(kids);
        assertThat(d.children()).isEqualTo(6);
        assertThat(d.withResult()).isEqualTo(5);
        assertThat(d.msfSc().get(2)).isEqualTo(60);
        assertThat(d.msfSc().get(0)).isCloseTo(23 * 60 + 54, within(1e-6)); // between 23:30 and 00:30
        assertThat(d.sleepDuration().get(2)).isEqualTo(540);
    }
}
