package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.CohortDays;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.cohort.CohortSummary;

/** The at-risk rule on a child's own baseline, the cohort's pooled figures, and no number from too little data. */
class CohortSummaryViewTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    static final Instant NOW = Instant.parse("2026-12-02T09:30:00Z");
    static final Instant FROM = Instant.parse("2026-11-25T00:00:00Z");
    static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");
    static final Instant LONG_AGO = Instant.parse("2026-09-01T06:00:00Z");
    static final CohortSummary OAK = new CohortSummary("oak", "Year 5 Oak", CohortKind.CLASS, 0);

    /** A child who wore the device all week, slept 10 h a night and had stress 0.30, as usual. */
    static ChildTrend steady(String id) {
        return new ChildTrend(
                id,
                "Pseudo-" + id,
                "intermediate",
                true,
                LONG_AGO,
                10_080,
                0.30 * 9000,
                9000,
                7,
                0.30 * 36_000,
                36_000,
                28,
                7 * 600,
                7,
                28 * 600,
                28);
    }

    static ChildTrend withStress(double recentMean, int recentDays, double usualMean, int usualDays) {
        return new ChildTrend(
                "s",
                "Stressy-1",
                null,
                true,
                LONG_AGO,
                10_080,
                recentMean * 1000,
                1000,
                recentDays,
                usualMean * 4000,
                4000,
                usualDays,
                7 * 600,
                7,
                28 * 600,
                28);
    }

    static ChildTrend withSleep(long recentMinutes, int recentNights, long usualMinutes, int usualNights) {
        return new ChildTrend(
                "n",
                "Sleepy-1",
                null,
                true,
                LONG_AGO,
                10_080,
                0.3 * 1000,
                1000,
                7,
                0.3 * 4000,
                4000,
                28,
                recentMinutes,
                recentNights,
                usualMinutes,
                usualNights);
    }

    static ChildTrend withWear(Instant firstEpoch, long recentMinutes) {
        return new ChildTrend(
                "w",
                "Wearer-1",
                null,
                true,
                firstEpoch,
                recentMinutes,
                0.3 * 1000,
                1000,
                7,
                0.3 * 4000,
                4000,
                28,
                7 * 600,
                7,
                28 * 600,
                28);
    }

    static List<String> reasons(ChildTrend child) {
        return AtRiskRule.reasons(child, FROM, TO);
    }

    @Test
    void aSteadyChildIsNotAtRisk() {
        assertThat(reasons(steady("a"))).isEmpty();
    }

    @Test
    void stressCountsWhenItRoseByATenthOverTheChildsOwnUsualWithThreeDays() {
        assertThat(reasons(withStress(0.45, 5, 0.30, 20))).containsExactly("sustained_stress");
        assertThat(reasons(withStress(0.40, 3, 0.30, 3))).containsExactly("sustained_stress");
        assertThat(reasons(withStress(0.39, 7, 0.30, 28))).as("a rise of 0.09").isEmpty();
        assertThat(reasons(withStress(0.70, 2, 0.30, 28))).as("two days only").isEmpty();
        assertThat(reasons(withStress(0.70, 7, 0.30, 2)))
                .as("no usual to compare with")
                .isEmpty();
        // A child who is always tense is not flagged for it.
        assertThat(reasons(withStress(0.65, 7, 0.60, 28))).isEmpty();
    }

    @Test
    void sleepDebtIsAnHourBelowTheChildsOwnUsualNight() {
        assertThat(reasons(withSleep(7 * 530, 7, 28 * 600, 28))).containsExactly("sleep_debt");
        assertThat(reasons(withSleep(3 * 540, 3, 28 * 600, 28)))
                .as("exactly an hour")
                .containsExactly("sleep_debt");
        assertThat(reasons(withSleep(7 * 550, 7, 28 * 600, 28)))
                .as("50 minutes")
                .isEmpty();
        assertThat(reasons(withSleep(2 * 300, 2, 28 * 600, 28)))
                .as("two nights only")
                .isEmpty();
        // A short sleeper who sleeps as usual is not flagged.
        assertThat(reasons(withSleep(7 * 420, 7, 28 * 430, 28))).isEmpty();
    }

    @Test
    void missedWearCountsOnlyTheTimeSinceTheFirstMinute() {
        assertThat(reasons(withWear(LONG_AGO, 5000))).as("5,000 of 10,080").containsExactly("missed_wear");
        assertThat(reasons(withWear(LONG_AGO, 5040))).as("exactly half").isEmpty();
        Instant twoDaysAgo = Instant.parse("2026-11-30T00:00:00Z");
        assertThat(reasons(withWear(twoDaysAgo, 2000)))
                .as("2,000 of 2,880 since a new device")
                .isEmpty();
        assertThat(reasons(withWear(twoDaysAgo, 1000))).containsExactly("missed_wear");
        assertThat(reasons(withWear(null, 0))).as("never worn: no first minute").isEmpty();
    }

    @Test
    void aChildWithoutAnalysisConsentIsNeitherAssessedNorCounted() {
        ChildTrend withheld =
                new ChildTrend("x", "Hidden-1", "night_owl", false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        CohortSummaryView v = CohortSummaryView.of(
                OAK,
                List.of(steady("a"), steady("b"), steady("c"), withheld, withWear(LONG_AGO, 100)),
                TODAY,
                CohortDays.UTC,
                NOW);
        assertThat(v.children()).isEqualTo(5);
        assertThat(v.analysedChildren()).isEqualTo(4);
        assertThat(v.leftOutForConsent()).isEqualTo(1);
        assertThat(v.chronotypeMix())
                .containsEntry("early_bird", 0)
                .containsEntry("intermediate", 3)
                .containsEntry("night_owl", 0)
                .containsEntry("unknown", 2);
        assertThat(v.atRisk().assessed()).isEqualTo(4);
        assertThat(v.atRisk().count()).isEqualTo(1);
        assertThat(v.atRisk().children()).singleElement().satisfies(c -> {
            assertThat(c.childId()).isEqualTo("w");
            assertThat(c.pseudonym()).isEqualTo("Wearer-1");
            assertThat(c.reasons()).containsExactly("missed_wear");
        });
        assertThat(v.namedChildIds()).containsExactly("w");
    }

    @Test
    void figuresArePooledOverChildNightsAndReadings() {
        ChildTrend shortSleeper = new ChildTrend(
                "d",
                "Short-1",
                "early_bird",
                true,
                LONG_AGO,
                10_080,
                0.50 * 3000,
                3000,
                3,
                0.5 * 4000,
                4000,
                28,
                3 * 480,
                3,
                28 * 480,
                28);
        CohortSummaryView v =
                CohortSummaryView.of(OAK, List.of(steady("a"), steady("b"), shortSleeper), TODAY, CohortDays.UTC, NOW);
        // (7 * 600 + 7 * 600 + 3 * 480) minutes over 17 nights = 9,840 / 17 / 60 h
        assertThat(v.sleep().status()).isEqualTo("ok");
        assertThat(v.sleep().meanHours()).isEqualTo(9.65);
        assertThat(v.sleep().nights()).isEqualTo(17);
        assertThat(v.sleep().childrenWithData()).isEqualTo(3);
        // (0.30 * 18,000 + 0.50 * 3,000) / 21,000 readings
        assertThat(v.stress().status()).isEqualTo("ok");
        assertThat(v.stress().mean()).isEqualTo(0.329);
        assertThat(v.stress().days()).isEqualTo(17);
        assertThat(v.window().from()).isEqualTo(FROM);
        assertThat(v.window().to()).isEqualTo(TO);
        assertThat(v.window().days()).isEqualTo(7);
        assertThat(v.usualWindow().from()).isEqualTo(Instant.parse("2026-10-28T00:00:00Z"));
        assertThat(v.usualWindow().to()).isEqualTo(FROM);
        assertThat(v.computedAt()).isEqualTo(NOW);
        assertThat(v.atRisk().rule()).contains("0.10", "1 hour", "half", "analysis consent");
    }

    @Test
    void fewerThanThreeChildrenWithDataIsInsufficientDataWithNoNumber() {
        ChildTrend twoNights = withSleep(2 * 600, 2, 28 * 600, 28);
        CohortSummaryView v =
                CohortSummaryView.of(OAK, List.of(steady("a"), steady("b"), twoNights), TODAY, CohortDays.UTC, NOW);
        assertThat(v.sleep().status()).isEqualTo("insufficient_data");
        assertThat(v.sleep().meanHours()).isNull();
        assertThat(v.sleep().childrenWithData()).isEqualTo(2);
        assertThat(v.sleep().nights()).isEqualTo(14);
        assertThat(v.sleep().reason()).contains("2 of the children");
        assertThat(v.stress().status()).isEqualTo("ok");

        CohortSummaryView empty = CohortSummaryView.of(OAK, List.of(), TODAY, CohortDays.UTC, NOW);
        assertThat(empty.sleep().status()).isEqualTo("insufficient_data");
        assertThat(empty.stress().status()).isEqualTo("insufficient_data");
        assertThat(empty.stress().mean()).isNull();
        assertThat(empty.atRisk().children()).isEmpty();
        assertThat(empty.chronotypeMix().values()).containsOnly(0);
    }

    @Test
    void theCachedFormReadsBackAsTheSameSummaryWithTheMixInItsOrder() {
        // One child at risk (named), one without consent, sleep insufficient (a null figure): every part of the shape.
        ChildTrend withheld =
                new ChildTrend("x", "Hidden-1", "night_owl", false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        CohortSummaryView v = CohortSummaryView.of(
                OAK,
                List.of(steady("a"), withSleep(2 * 600, 2, 28 * 600, 28), withheld, withWear(LONG_AGO, 100)),
                TODAY,
                CohortDays.UTC,
                NOW);
        assertThat(v.atRisk().children()).isNotEmpty();
        assertThat(v.sleep().meanHours()).isNull();

        CohortSummaryView read = CohortSummaryView.fromJson(v.toJson());

        assertThat(read).isEqualTo(v);
        assertThat(read.chronotypeMix().keySet()).containsExactly("early_bird", "intermediate", "night_owl", "unknown");
        assertThat(read.namedChildIds()).isEqualTo(v.namedChildIds());
    }
}
