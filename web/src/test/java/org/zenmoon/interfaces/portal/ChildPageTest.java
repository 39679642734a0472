package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.TenantZone;
import org.zenmoon.domain.model.child.AnalysisInputs;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Event;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;

class ChildPageTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:15:00Z");

    @Test
    void aPastDateChoosesTheSevenDaysEndingThatDayAndAnythingElseTheLatest() {
        assertThat(ChildPage.lastDay("2026-03-31", NOW, TenantZone.UTC)).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(ChildPage.lastDay(" 2026-12-02 ", NOW, TenantZone.UTC)).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(ChildPage.lastDay("2026-12-03", NOW, TenantZone.UTC))
                .as("today")
                .isNull();
        assertThat(ChildPage.lastDay("2027-01-01", NOW, TenantZone.UTC))
                .as("a future day")
                .isNull();
        assertThat(ChildPage.lastDay("31/03/2026", NOW, TenantZone.UTC))
                .as("not ISO")
                .isNull();
        assertThat(ChildPage.lastDay("", NOW, TenantZone.UTC)).isNull();
        assertThat(ChildPage.lastDay(null, NOW, TenantZone.UTC)).isNull();
        // 10:15 UTC on 3 Dec is 19:15 in Tokyo but still 2 Dec, 23:15, in Pago Pago: there the 2nd is today.
        assertThat(ChildPage.lastDay("2026-12-02", NOW, java.time.ZoneId.of("Pacific/Pago_Pago")))
                .isNull();
        assertThat(ChildPage.lastDay("2026-12-02", NOW, java.time.ZoneId.of("Asia/Tokyo")))
                .isEqualTo(LocalDate.of(2026, 12, 2));
    }

    @Test
    void whatHappenedListsInterventionsAndOnlyTheRecommendationsOfTheDaysShown() {
        Instant from = Instant.parse("2026-03-25T00:00:00Z");
        Instant to = Instant.parse("2026-04-01T00:00:00Z");
        List<ChildPage.Line> lines = ChildPage.happenings(
                List.of(),
                List.of(new AnalysisInputs.Logged("box_breathing", Instant.parse("2026-03-26T15:00:00Z"))),
                List.of(
                        recommendation("r-before", "2026-03-24T23:59:00Z"),
                        recommendation("r-in", "2026-03-30T08:00:00Z"),
                        recommendation("r-after", "2026-04-01T00:00:00Z")),
                from,
                to,
                TenantZone.UTC);
        assertThat(lines).extracting(ChildPage.Line::what).containsExactlyInAnyOrder("Box breathing", "Try r-in");
        assertThat(lines)
                .filteredOn(l -> l.what().equals("Box breathing"))
                .extracting(ChildPage.Line::kind)
                .containsExactly("Intervention logged by staff");
    }

    @Test
    void anEventBegunBeforeTheDaysShownIsListedWithItsEnd() {
        Instant from = Instant.parse("2026-03-25T00:00:00Z");
        Instant to = Instant.parse("2026-04-01T00:00:00Z");
        List<ChildPage.Line> lines = ChildPage.happenings(
                List.of(
                        new Event(
                                "cohort:e1",
                                "cohort",
                                "school_trip",
                                Instant.parse("2026-03-17T08:00:00Z"),
                                Instant.parse("2026-03-28T16:00:00Z"),
                                "manual"),
                        new Event(
                                "child:e2",
                                "child",
                                "math_test",
                                Instant.parse("2026-03-30T09:00:00Z"),
                                Instant.parse("2026-03-30T10:00:00Z"),
                                "phone")),
                List.of(),
                List.of(),
                from,
                to,
                TenantZone.UTC);
        assertThat(lines)
                .extracting(ChildPage.Line::when, ChildPage.Line::kind, ChildPage.Line::what)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Mon 30 Mar, 09:00 UTC", "Child's event", "Math test"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Tue 17 Mar, 08:00 UTC", "School event", "School trip, until Sat 28 Mar, 16:00 UTC"));
    }

    private static StoredRecommendation recommendation(String id, String at) {
        return new StoredRecommendation(
                id,
                "child-1",
                "box_breathing",
                "Try " + id,
                null,
                List.of(),
                "v1",
                "A",
                Instant.parse(at),
                null,
                null,
                null);
    }
}
