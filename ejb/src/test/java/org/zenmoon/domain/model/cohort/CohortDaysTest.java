package org.zenmoon.domain.model.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A cohort figure's day starts at the 12-hour bin boundary nearest the tenant's local midnight. */
class CohortDaysTest {

    static final Instant WINTER = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void zonesWithinSixHoursOfUtcKeepTheUtcDays() {
        for (String zone : new String[] {"UTC", "Europe/Berlin", "America/New_York", "America/Chicago", "Asia/Dhaka"}) {
            assertThat(CohortDays.nearest(ZoneId.of(zone), WINTER)).as(zone).isEqualTo(CohortDays.UTC);
        }
        assertThat(CohortDays.UTC.dayOf(Instant.parse("2026-01-15T23:59:00Z"))).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(CohortDays.UTC.startOf(LocalDate.of(2026, 1, 15))).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
    }

    @Test
    void aZoneFarEastStartsItsDayAtNoonUtcTheDayBeforeWithinSixHoursOfLocalMidnight() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        CohortDays days = CohortDays.nearest(tokyo, WINTER);
        assertThat(days.shiftHours()).isEqualTo(12);
        LocalDate day = LocalDate.of(2026, 1, 15);
        Instant start = days.startOf(day);
        assertThat(start).isEqualTo(Instant.parse("2026-01-14T12:00:00Z"));
        Instant localMidnight = day.atStartOfDay(tokyo).toInstant();
        assertThat(Duration.between(start, localMidnight).abs()).isLessThanOrEqualTo(Duration.ofHours(6));
        // 08:00 in Tokyo on the 15th is 23:00 UTC on the 14th: the 15th here, as it is in Tokyo.
        assertThat(days.dayOf(Instant.parse("2026-01-14T23:00:00Z"))).isEqualTo(day);
        assertThat(days.dayOf(start.minusSeconds(1))).isEqualTo(day.minusDays(1));
    }

    @Test
    void aZoneFarWestStartsItsDayAtNoonUtcOfTheDay() {
        ZoneId la = ZoneId.of("America/Los_Angeles");
        CohortDays days = CohortDays.nearest(la, WINTER);
        assertThat(days.shiftHours()).isEqualTo(-12);
        LocalDate day = LocalDate.of(2026, 1, 15);
        assertThat(days.startOf(day)).isEqualTo(Instant.parse("2026-01-15T12:00:00Z"));
        // 22:00 in Los Angeles on the 15th is 06:00 UTC on the 16th: still the 15th.
        assertThat(days.dayOf(Instant.parse("2026-01-16T06:00:00Z"))).isEqualTo(day);
        assertThat(Duration.between(days.startOf(day), day.atStartOfDay(la).toInstant())
                        .abs())
                .isLessThanOrEqualTo(Duration.ofHours(6));
    }

    @Test
    void onlyBinBoundariesStartADay() {
        assertThatThrownBy(() -> new CohortDays(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
