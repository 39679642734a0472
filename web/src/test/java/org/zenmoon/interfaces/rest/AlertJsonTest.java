package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.AlertView;

class AlertJsonTest {

    @Test
    void anUnacknowledgedAlertHasEveryFieldOfTheContractWithNullAcknowledgement() {
        JsonObject o = AlertJson.of(new AlertView(
                "a-1",
                "c-1",
                "stress_sustained",
                "high",
                Instant.parse("2026-12-02T14:05:00Z"),
                Instant.parse("2026-12-02T15:00:00Z"),
                "Stress stayed high.",
                null,
                null));

        assertThat(o.keySet())
                .containsExactly(
                        "alertId",
                        "childId",
                        "kind",
                        "severity",
                        "at",
                        "raisedAt",
                        "detail",
                        "acknowledgedBy",
                        "acknowledgedAt");
        assertThat(o.getString("alertId")).isEqualTo("a-1");
        assertThat(o.getString("childId")).isEqualTo("c-1");
        assertThat(o.getString("kind")).isEqualTo("stress_sustained");
        assertThat(o.getString("severity")).isEqualTo("high");
        assertThat(o.getString("at")).isEqualTo("2026-12-02T14:05:00Z");
        assertThat(o.getString("raisedAt")).isEqualTo("2026-12-02T15:00:00Z");
        assertThat(o.getString("detail")).isEqualTo("Stress stayed high.");
        assertThat(o.get("acknowledgedBy")).isEqualTo(JsonValue.NULL);
        assertThat(o.get("acknowledgedAt")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void anAcknowledgedAlertNamesWhoAndWhen() {
        JsonObject o = AlertJson.of(new AlertView(
                "a-1",
                "c-1",
                "device_anomaly",
                "warning",
                Instant.parse("2026-12-02T14:05:00Z"),
                Instant.parse("2026-12-02T15:00:00Z"),
                "d",
                "counsellor",
                Instant.parse("2026-12-02T16:30:00Z")));

        assertThat(o.getString("acknowledgedBy")).isEqualTo("counsellor");
        assertThat(o.getString("acknowledgedAt")).isEqualTo("2026-12-02T16:30:00Z");
    }
}
