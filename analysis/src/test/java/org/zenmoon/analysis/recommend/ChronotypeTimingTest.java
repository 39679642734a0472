package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ChronotypeTimingTest {

    static final InterventionCatalogue CATALOGUE = InterventionCatalogue.bundled();
    static final Intervention BOX = CATALOGUE.byId("box_breathing").orElseThrow(); // every slot
    static final LocalDateTime MONDAY_6AM = LocalDateTime.of(2026, 12, 7, 6, 0);

    @Test
    void nightOwlsGetTheLatestSlotEarlyBirdsTheEarliestIntermediatesTheMiddle() {
        assertThat(ChronotypeTiming.scheduledFor(BOX, "night_owl", 14, MONDAY_6AM))
                .isEqualTo(LocalDateTime.of(2026, 12, 7, 21, 15));
        assertThat(ChronotypeTiming.scheduledFor(BOX, "early_bird", 14, MONDAY_6AM))
                .isEqualTo(LocalDateTime.of(2026, 12, 7, 7, 0));
        assertThat(ChronotypeTiming.scheduledFor(BOX, "intermediate", 14, MONDAY_6AM))
                .isEqualTo(LocalDateTime.of(2026, 12, 7, 16, 0));
        assertThat(ChronotypeTiming.scheduledFor(BOX, null, 14, MONDAY_6AM))
                .isEqualTo(LocalDateTime.of(2026, 12, 7, 16, 0));
    }

    @Test
    void bedtimeDependsOnAge() {
        assertThat(ChronotypeTiming.scheduledFor(BOX, "night_owl", 8, MONDAY_6AM)
                        .toLocalTime())
                .isEqualTo(LocalTime.of(19, 30));
        assertThat(ChronotypeTiming.scheduledFor(BOX, "night_owl", 11, MONDAY_6AM)
                        .toLocalTime())
                .isEqualTo(LocalTime.of(20, 15));
        assertThat(ChronotypeTiming.scheduledFor(BOX, "night_owl", 16, MONDAY_6AM)
                        .toLocalTime())
                .isEqualTo(LocalTime.of(21, 15));
    }

    @Test
    void aTimeAlreadyPastMovesToTheNextDayWithThatDaysTimes() {
        LocalDateTime fridayEvening = LocalDateTime.of(2026, 12, 11, 20, 0);
        assertThat(ChronotypeTiming.scheduledFor(BOX, "early_bird", 12, fridayEvening))
                .as("Saturday morning is later than a school morning")
                .isEqualTo(LocalDateTime.of(2026, 12, 12, 8, 30));
        LocalDateTime exactlyThen = LocalDateTime.of(2026, 12, 7, 7, 0);
        assertThat(ChronotypeTiming.scheduledFor(BOX, "early_bird", 12, exactlyThen))
                .isEqualTo(LocalDateTime.of(2026, 12, 8, 7, 0));
    }

    @Test
    void nothingButStudyLandsInSchoolHoursOnASchoolDay() {
        for (Intervention a : CATALOGUE.interventions()) {
            for (String chrono : new String[] {"early_bird", "intermediate", "night_owl", null}) {
                for (int day = 7; day <= 13; day++) {
                    for (int hour = 0; hour < 24; hour += 3) {
                        LocalDateTime now = LocalDateTime.of(2026, 12, day, hour, 10);
                        LocalDateTime at = ChronotypeTiming.scheduledFor(a, chrono, 12, now);
                        assertThat(at).isAfter(now);
                        assertThat(at).isBefore(now.plusHours(48));
                        assertThat(a.slots()).contains(ChronotypeTiming.slotFor(a, chrono));
                        boolean schoolDay = at.getDayOfWeek().getValue() <= 5;
                        LocalTime t = at.toLocalTime();
                        if (schoolDay && !a.category().equals("study")) {
                            String part = t.isBefore(LocalTime.of(8, 0))
                                    ? "before school"
                                    : t.isBefore(LocalTime.of(15, 30)) ? "school hours" : "after school";
                            assertThat(part).as("%s at %s", a.id(), at).isNotEqualTo("school hours");
                        }
                    }
                }
            }
        }
    }
}
