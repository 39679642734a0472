package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.AlertView;
import org.zenmoon.application.InboxAlert;
import org.zenmoon.application.TenantZone;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.domain.model.alert.StoredAlert;

class AlertsPageTest {

    static InboxAlert row(String kind, double value, String ackedBy, Instant ackedAt, String note) {
        Alert a = new Alert(
                "a1",
                "c1",
                kind,
                Instant.parse("2026-12-01T07:00:00Z"),
                Instant.parse("2026-12-01T07:29:00Z"),
                Instant.parse("2026-12-01T07:31:10Z"),
                value,
                0.8);
        return new InboxAlert(
                AlertView.of(new StoredAlert(a, ackedBy, ackedAt, note), TenantZone.UTC),
                "Otter-7",
                "Year 5 Oak",
                note);
    }

    @Test
    void anOpenAlertReadsInWordsWithItsSeverityAndRaisedTime() {
        AlertsPage.Row r = AlertsPage.Row.of(row(Alert.SUSTAINED_STRESS, 0.95, null, null, null), TenantZone.UTC);
        assertThat(r.getKind()).isEqualTo("Sustained stress");
        assertThat(r.getSeverity()).isEqualTo("High");
        assertThat(r.isHigh()).isTrue();
        assertThat(r.getRaisedAt()).isEqualTo("2026-12-01 07:31 UTC");
        assertThat(r.isAcknowledged()).isFalse();
        assertThat(r.getDetail()).contains("30 minutes").doesNotContain("sustained_stress");
    }

    @Test
    void anAcknowledgedAlertKeepsWhoWhenAndTheNote() {
        AlertsPage.Row r = AlertsPage.Row.of(
                row(Alert.DEVICE_ANOMALY, 0.85, "counsellor", Instant.parse("2026-12-01T08:00:00Z"), "Band refitted."),
                TenantZone.UTC);
        assertThat(r.getKind()).isEqualTo("Wearable readings unusual");
        assertThat(r.getSeverity()).isEqualTo("Warning");
        assertThat(r.isAcknowledged()).isTrue();
        assertThat(r.getAcknowledgedBy()).isEqualTo("counsellor");
        assertThat(r.getAcknowledgedAt()).isEqualTo("2026-12-01 08:00 UTC");
        assertThat(r.getNote()).isEqualTo("Band refitted.");
    }

    @Test
    void timesAreShownInTheTenantsZoneWhichTheyName() {
        AlertsPage.Row r = AlertsPage.Row.of(
                row(Alert.DEVICE_ANOMALY, 0.85, "counsellor", Instant.parse("2026-12-01T08:00:00Z"), null),
                java.time.ZoneId.of("America/New_York"));
        assertThat(r.getRaisedAt()).isEqualTo("2026-12-01 02:31 America/New_York");
        assertThat(r.getAcknowledgedAt()).isEqualTo("2026-12-01 03:00 America/New_York");
    }

    @Test
    void aRowCanBeKeptInTheSessionWithItsView() throws Exception {
        AlertsPage.Row r = AlertsPage.Row.of(row(Alert.SUSTAINED_STRESS, 0.9, null, null, null), TenantZone.UTC);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        assertThat(bytes.size()).isPositive();
    }
}
