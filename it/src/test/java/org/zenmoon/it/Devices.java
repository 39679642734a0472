package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** What several black-box tests do with a child's wearable: check consent, pair it, upload minutes that alert. */
final class Devices {

    private Devices() {}

    /** Whether the child has active collection consent, as the token's caller reads it. */
    static boolean collects(Http http, String childId, String token) {
        try {
            return http.get("/api/v1/children/" + childId + "/consents", token).json().asJsonArray().stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(c -> c.getString("scope").equals("collection") && c.getBoolean("active"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer to pairing a wearable for the child (201 with the device's id and token when allowed). */
    static Http.Reply pair(Http http, String childId, String label, String token) throws Exception {
        return http.post(
                "/api/v1/devices/pair",
                Json.createObjectBuilder()
                        .add("childId", childId)
                        .add("label", label)
                        .build()
                        .toString(),
                token);
    }

    /**
     * Uploads eight minutes for the device's child, minutes 2 to 7 over the anomaly threshold: one device_anomaly
     * alert, raised now. The minutes lie before the demo's 60 days, at a place of their own.
     *
     * @return the first minute uploaded
     */
    static Instant uploadAnAnomaly(Http http, String deviceId, String deviceToken) throws Exception {
        Instant base = Instant.now()
                .truncatedTo(ChronoUnit.MINUTES)
                .minus(70 + ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS)
                .minus(ThreadLocalRandom.current().nextInt(1440), ChronoUnit.MINUTES);
        JsonArrayBuilder epochs = Json.createArrayBuilder();
        for (int i = 0; i < 8; i++) {
            epochs.add(Json.createObjectBuilder()
                    .add("t", base.plus(i, ChronoUnit.MINUTES).toString())
                    .add("hr", 90.0)
                    .add("anomaly", i >= 2 ? 0.95 : 0.1)
                    .add("wear", true));
        }
        String batch = Json.createObjectBuilder()
                .add("batchId", UUID.randomUUID().toString())
                .add("deviceId", deviceId)
                .add("epochs", epochs)
                .build()
                .toString();
        Http.Reply uploaded = http.post("/api/v1/ingest/batches", batch, deviceToken);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.object().getInt("accepted")).isEqualTo(8);
        return base;
    }
}
