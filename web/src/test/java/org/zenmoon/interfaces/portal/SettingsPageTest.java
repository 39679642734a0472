package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The settings page's plain words: which day the next nightly run keeps data from, in the tenant's own zone. */
class SettingsPageTest {

    /** Late evening of 2 March in London; already 3 March in Berlin and Tokyo, still 2 March in New York. */
    static final Clock LATE = Clock.fixed(Instant.parse("2026-03-02T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void theNextRunKeepsDataFromTodayInTheTenantsZoneLessTheRetention() {
        assertThat(SettingsPage.keptFrom(LATE, "UTC", 30)).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(SettingsPage.keptFrom(LATE, "Europe/Berlin", 30)).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(SettingsPage.keptFrom(LATE, "America/New_York", 1)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(SettingsPage.keptFrom(LATE, "Asia/Tokyo", 365)).isEqualTo(LocalDate.of(2025, 3, 3));
    }

    @Test
    void theWordsNameTheDaysWithoutGroupingOrLeftoverPlaceholders() {
        PortalWords words = new PortalWords(Locale.ENGLISH);
        assertThat(words.format("settings.retention.explained", 36500))
                .startsWith("Each night, data about a child older than 36500 days is deleted: minute data, sleep, "
                        + "events, logged interventions, alerts, analysis results and recommendations.")
                .endsWith("The audit log, consents, guardian links and wearables are kept.");
        assertThat(words.format("settings.lower.explained", 800, 500, 300, "2025-10-19"))
                .contains("from 800 to 500 days")
                .contains("300 more days of data will be deleted")
                .contains("before 2025-10-19")
                .doesNotContain("{", "''");
        assertThat(words.format("settings.retention.nextRun", "2025-10-19", "Europe/Berlin"))
                .isEqualTo("At the next nightly run, data from before 2025-10-19 (Europe/Berlin) goes.");
    }
}
