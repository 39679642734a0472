package org.zenmoon.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NightlyScheduleTest {

    static final LocalTime AT = LocalTime.of(2, 30);

    @Test
    void aTenantIsDueInTheQuarterHourThatHoldsItsStartTimeInItsOwnZone() {
        ZoneId london = ZoneId.of("Europe/London");
        ZoneId chicago = ZoneId.of("America/Chicago");
        // 02:30 in London in winter is 02:30 UTC; in Chicago it is 08:30 UTC.
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T02:30:00Z"), london, AT))
                .isTrue();
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T02:44:59Z"), london, AT))
                .isTrue();
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T02:45:00Z"), london, AT))
                .isFalse();
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T02:29:00Z"), london, AT))
                .isFalse();
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T02:30:00Z"), chicago, AT))
                .isFalse();
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T08:30:00Z"), chicago, AT))
                .isTrue();
        // In summer London is an hour ahead of UTC.
        assertThat(NightlySchedule.due(Instant.parse("2026-07-01T01:31:00Z"), london, AT))
                .isTrue();
    }

    @Test
    void aStartTimeInTheLastQuarterBeforeMidnightIsDueThere() {
        ZoneId utc = ZoneId.of("UTC");
        LocalTime late = LocalTime.of(23, 50);
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T23:45:00Z"), utc, late))
                .isTrue();
        assertThat(NightlySchedule.due(Instant.parse("2026-12-02T23:59:59Z"), utc, late))
                .isTrue();
        assertThat(NightlySchedule.due(Instant.parse("2026-12-03T00:00:00Z"), utc, late))
                .isFalse();
    }

    @Test
    void offTurnsTheScheduleOff() {
        assertThat(NightlySchedule.startTime("off")).isEmpty();
        assertThat(NightlySchedule.startTime(" OFF ")).isEmpty();
        assertThat(NightlySchedule.startTime("03:15")).contains(LocalTime.of(3, 15));
    }
}
