package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zenmoon.application.CohortSummaryViewTest.FROM;
import static org.zenmoon.application.CohortSummaryViewTest.LONG_AGO;
import static org.zenmoon.application.CohortSummaryViewTest.TO;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.cohort.ChildTrend;

/** Each condition of the at-risk rule that fired, with the child's own figures that made it fire. */
class AtRiskRuleTest {

    static List<AtRiskReason> assess(ChildTrend child) {
        return AtRiskRule.assess(child, FROM, TO);
    }

    @Test
    void sustainedStressCarriesTheRecentAndUsualMeans() {
        assertThat(assess(CohortSummaryViewTest.withStress(0.45, 5, 0.30, 20)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo("sustained_stress");
                    assertThat(r.recent()).isFinite().isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(r.usual()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(r.threshold()).isEqualTo(0.10);
                });
    }

    @Test
    void sleepDebtCarriesHoursPerNight() {
        // 7 nights of 8 h 50 min against 28 nights of 10 h.
        assertThat(assess(CohortSummaryViewTest.withSleep(7 * 530, 7, 28 * 600, 28)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo("sleep_debt");
                    assertThat(r.recent()).isFinite().isCloseTo(530 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(r.usual()).isEqualTo(10.0);
                    assertThat(r.threshold()).isEqualTo(1.0);
                });
    }

    @Test
    void missedWearCarriesTheShareRecordedAndNoBaseline() {
        // 2,520 of the week's 10,080 minutes: a quarter.
        assertThat(assess(CohortSummaryViewTest.withWear(LONG_AGO, 2520)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo("missed_wear");
                    assertThat(r.recent()).isEqualTo(0.25);
                    assertThat(r.usual()).isNull();
                    assertThat(r.threshold()).isEqualTo(0.5);
                });
    }

    @Test
    void severalConditionsComeInTheRulesOrderAndMatchTheSummarysCodes() {
        ChildTrend everything = new ChildTrend(
                "e",
                "Everything-1",
                null,
                true,
                LONG_AGO,
                2000,
                0.6 * 1000,
                1000,
                4,
                0.3 * 4000,
                4000,
                20,
                4 * 400,
                4,
                28 * 600,
                28);
        assertThat(assess(everything))
                .extracting(AtRiskReason::code)
                .containsExactly("sustained_stress", "sleep_debt", "missed_wear")
                .isEqualTo(AtRiskRule.reasons(everything, FROM, TO));
    }

    @Test
    void aChildLeftOutOfTheAnalysisIsNotAssessed() {
        ChildTrend withheld = new ChildTrend("x", "Hidden-1", null, false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(assess(withheld)).isEmpty();
        assertThat(assess(CohortSummaryViewTest.steady("a"))).isEmpty();
    }
}
