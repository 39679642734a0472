package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.cohort.ChildDay;
import org.zenmoon.domain.model.cohort.ChildNight;
import org.zenmoon.domain.model.cohort.DailyStress;
import org.zenmoon.domain.model.cohort.NightlySleep;

/** The cohort's charts: each child weighs the same on a day or night, and too few children give no point. */
class CohortChartsTest {

    static final LocalDate MON = LocalDate.of(2026, 11, 30);
    static final LocalDate TUE = MON.plusDays(1);

    @Test
    void aDaysStressIsTheMeanOfTheChildrensOwnMeans() {
        List<DailyStress> chart = CohortCharts.dailyStress(
                List.of(
                        // 600 readings averaging 0.2, 60 averaging 0.5 and 300 averaging 0.35: each child counts once.
                        new ChildDay("a", MON, 0.2 * 600, 600),
                        new ChildDay("b", MON, 0.5 * 60, 60),
                        new ChildDay("c", MON, 0.35 * 300, 300),
                        new ChildDay("a", TUE, 0.3 * 600, 600),
                        new ChildDay("b", TUE, 0.3 * 600, 600)),
                3);
        assertThat(chart).singleElement().satisfies(d -> {
            assertThat(d.day()).isEqualTo(MON);
            assertThat(d.meanStress()).isFinite().isCloseTo(0.35, within(1e-9));
            assertThat(d.children()).isEqualTo(3);
        });
        assertThat(CohortCharts.dailyStress(
                        List.of(new ChildDay("a", TUE, 0.3 * 600, 600), new ChildDay("b", TUE, 0.3 * 600, 600)), 2))
                .extracting(DailyStress::day)
                .containsExactly(TUE);
    }

    @Test
    void aNightsSleepIsTheMeanOfTheChildrenWhoSleptInDateOrder() {
        List<NightlySleep> chart = CohortCharts.nightlySleep(
                List.of(
                        new ChildNight("a", TUE, 540),
                        new ChildNight("b", TUE, 600),
                        new ChildNight("c", TUE, 660),
                        new ChildNight("a", MON, 480),
                        new ChildNight("b", MON, 600),
                        new ChildNight("c", MON, 0)),
                2);
        assertThat(chart).extracting(NightlySleep::night).containsExactly(MON, TUE);
        assertThat(chart.get(0).meanSleepHours()).isEqualTo(9.0);
        assertThat(chart.get(0).children())
                .as("a night without sleep is no night")
                .isEqualTo(2);
        assertThat(chart.get(1).meanSleepHours()).isEqualTo(10.0);
        assertThat(CohortCharts.nightlySleep(List.of(new ChildNight("a", MON, 500)), 3))
                .isEmpty();
    }
}
