package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.domain.model.alert.StoredAlert;

class AlertViewTest {

    private static Alert alert(String kind, String start, String end, double value, double threshold) {
        return new Alert(
                "alert-1",
                "child-1",
                kind,
                Instant.parse(start),
                Instant.parse(end),
                Instant.parse("2026-12-02T15:00:00Z"),
                value,
                threshold);
    }

    @Test
    void aSustainedStressAlertIsNamedAsTheContractSaysAndDescribedForAParent() {
        AlertView v = AlertView.of(
                new StoredAlert(
                        alert(Alert.SUSTAINED_STRESS, "2026-12-02T14:05:00Z", "2026-12-02T14:39:00Z", 0.78, 0.55),
                        null,
                        null,
                        null),
                TenantZone.UTC);

        assertThat(v.kind()).isEqualTo("stress_sustained");
        assertThat(v.alertId()).isEqualTo("alert-1");
        assertThat(v.childId()).isEqualTo("child-1");
        assertThat(v.at()).isEqualTo(Instant.parse("2026-12-02T14:05:00Z"));
        assertThat(v.raisedAt()).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(v.detail())
                .isEqualTo("Stress stayed high (0.78 on average, above 0.55, the level that is unusual for this"
                        + " child) for 35 minutes from 14:05 UTC on 2 Dec 2026.");
        assertThat(v.severity()).isEqualTo("high");
        assertThat(v.acknowledgedBy()).isNull();
        assertThat(v.acknowledgedAt()).isNull();
    }

    @Test
    void aDeviceAnomalyKeepsItsNameAndSaysWhatToCheck() {
        AlertView v = AlertView.of(
                new StoredAlert(
                        alert(Alert.DEVICE_ANOMALY, "2026-12-02T08:00:00Z", "2026-12-02T08:05:00Z", 0.85, 0.8),
                        "counsellor",
                        Instant.parse("2026-12-02T09:00:00Z"),
                        "seen to"),
                TenantZone.UTC);

        assertThat(v.kind()).isEqualTo("device_anomaly");
        assertThat(v.severity()).isEqualTo("warning");
        assertThat(v.detail())
                .isEqualTo("The wearable's readings looked unusual (anomaly score up to 0.85, alert level 0.80) for 6"
                        + " minutes from 08:00 UTC on 2 Dec 2026; check that it is worn snugly and charged.");
        assertThat(v.acknowledgedBy()).isEqualTo("counsellor");
        assertThat(v.acknowledgedAt()).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
    }

    @Test
    void aOneMinuteRunSaysMinuteInTheSingular() {
        Alert a = alert(Alert.DEVICE_ANOMALY, "2026-12-02T23:59:00Z", "2026-12-02T23:59:00Z", 0.9, 0.8);
        assertThat(AlertView.detail(a, TenantZone.UTC)).contains("for 1 minute from 23:59 UTC on 2 Dec 2026;");
    }

    @Test
    void theDetailSaysTheTimeAndDayInTheTenantsZoneAndNamesItWhileAtStaysAnInstant() {
        // 23:59 UTC on 2 Dec is 18:59 in New York (EST) and 08:59 on 3 Dec in Tokyo.
        StoredAlert stored = new StoredAlert(
                alert(Alert.DEVICE_ANOMALY, "2026-12-02T23:59:00Z", "2026-12-03T00:03:00Z", 0.9, 0.8),
                null,
                null,
                null);

        AlertView ny = AlertView.of(stored, java.time.ZoneId.of("America/New_York"));
        assertThat(ny.detail()).contains("for 5 minutes from 18:59 America/New_York on 2 Dec 2026;");
        assertThat(ny.at()).isEqualTo(Instant.parse("2026-12-02T23:59:00Z"));
        assertThat(AlertView.of(stored, java.time.ZoneId.of("Asia/Tokyo")).detail())
                .contains("from 08:59 Asia/Tokyo on 3 Dec 2026;");
    }

    @Test
    void severityIsHighFromHalfwayBetweenTheThresholdAndTheTopOfTheScale() {
        assertThat(AlertView.severity(0.8, 0.8)).isEqualTo("warning");
        assertThat(AlertView.severity(0.89, 0.8)).isEqualTo("warning");
        assertThat(AlertView.severity(0.9, 0.8)).isEqualTo("high");
        assertThat(AlertView.severity(1.0, 0.8)).isEqualTo("high");
        assertThat(AlertView.severity(0.77, 0.55)).isEqualTo("warning");
        assertThat(AlertView.severity(0.775, 0.55)).isEqualTo("high");
    }

    @Test
    void anUnknownStoredKindIsRefusedRatherThanShownUnderAnotherName() {
        assertThatThrownBy(() -> AlertView.kind("missed_wear")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AlertView.kind("sustained_stress")).isEqualTo("stress_sustained");
        assertThat(AlertView.kind("device_anomaly")).isEqualTo("device_anomaly");
    }
}
