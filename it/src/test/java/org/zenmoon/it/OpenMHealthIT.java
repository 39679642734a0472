package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/ingest/omh} over HTTP against the launched server: Open mHealth heart rates, step counts and
 * sleep episodes stored as minutes and episodes, once; bad points named by their path with nothing stored; no
 * upload without consent. The fixture is a tenant of its own (written as the database's owner), with a device paired
 * the way the pairing endpoint stores it: the token {@code zmd.<tenantId>.<deviceId>.<secret>} and its hash
 * {@code sha256:<hex of SHA-256 of the secret>}.
 */
class OpenMHealthIT {

    static final String RUN = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    static final String TENANT = "omh-it-" + RUN;
    static final String CHILD = "omh-it-child-" + RUN;
    static final String UNCONSENTED = "omh-it-nocon-" + RUN;

    static Http http;
    static String device;
    static String deviceToken;
    static String unconsentedToken;

    /** The last full hour but three: inside the allowed age, clear of the future, with room on either side. */
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    @BeforeAll
    static void fixture() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        try (Connection db = SharedServer.ownerConnection()) {
            exec(
                    db,
                    "INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES (?, ?, 'SCHOOL', 'FERPA', 365)",
                    TENANT,
                    "Open mHealth IT " + RUN);
            exec(
                    db,
                    "INSERT INTO cohort (tenant_id, id, name, kind) VALUES (?, ?, 'OMH class', 'CLASS')",
                    TENANT,
                    "omh-it-cohort-" + RUN);
            for (String child : List.of(CHILD, UNCONSENTED)) {
                exec(
                        db,
                        "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES (?, ?, ?, 2015, ?)",
                        TENANT,
                        child,
                        "Omh-" + child.hashCode(),
                        "omh-it-cohort-" + RUN);
            }
            exec(
                    db,
                    "INSERT INTO consent (tenant_id, id, child_id, scope, notice_version, granted_by)"
                            + " VALUES (?, ?, ?, 'collection', 'v1', 'omh-it')",
                    TENANT,
                    "omh-it-consent-" + RUN,
                    CHILD);
            device = "omh-it-dev-" + RUN;
            deviceToken = pair(db, device, CHILD);
            unconsentedToken = pair(db, "omh-it-dev2-" + RUN, UNCONSENTED);
        }
    }

    /** Stores a device as pairing does and returns its token. */
    static String pair(Connection db, String deviceId, String child) throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String hash = "sha256:"
                + HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        exec(
                db,
                "INSERT INTO device (tenant_id, id, child_id, label, token_hash) VALUES (?, ?, ?, 'Phone', ?)",
                TENANT,
                deviceId,
                child,
                hash);
        return "zmd." + TENANT + "." + deviceId + "." + secret;
    }

    static void exec(Connection db, String sql, String... params) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    static String scalar(String sql, String... params) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setString(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static long epochs(String child) throws Exception {
        return Long.parseLong(scalar("SELECT count(*) FROM epoch WHERE tenant_id = ? AND child_id = ?", TENANT, child));
    }

    /** The child's minutes in the first half hour after {@link #BASE}, where the first test's walk lies. */
    static long walkMinutes() throws Exception {
        return Long.parseLong(scalar(
                "SELECT count(*) FROM epoch WHERE tenant_id = ? AND child_id = ? AND t >= ?::timestamptz"
                        + " AND t < ?::timestamptz",
                TENANT,
                CHILD,
                BASE.toString(),
                BASE.plus(30, ChronoUnit.MINUTES).toString()));
    }

    static JsonObject point(String uuid, String name, String version, JsonObjectBuilder body) {
        return Json.createObjectBuilder()
                .add(
                        "header",
                        Json.createObjectBuilder()
                                .add("uuid", uuid)
                                .add(
                                        "schema_id",
                                        Json.createObjectBuilder()
                                                .add("namespace", "omh")
                                                .add("name", name)
                                                .add("version", version))
                                .add("source_creation_date_time", BASE.toString()))
                .add("body", body)
                .build();
    }

    static JsonObject heartRate(String uuid, double bpm, Instant at) {
        return point(
                uuid,
                "heart-rate",
                "2.0",
                Json.createObjectBuilder()
                        .add(
                                "heart_rate",
                                Json.createObjectBuilder().add("value", bpm).add("unit", "beats/min"))
                        .add("effective_time_frame", Json.createObjectBuilder().add("date_time", at.toString())));
    }

    static JsonObject steps(String uuid, int count, Instant start, Instant end) {
        return point(
                uuid,
                "step-count",
                "3.0",
                Json.createObjectBuilder()
                        .add(
                                "step_count",
                                Json.createObjectBuilder().add("value", count).add("unit", "steps"))
                        .add("effective_time_frame", interval(start, end)));
    }

    static JsonObject sleep(String uuid, Instant onset, Instant wake) {
        return point(
                uuid,
                "sleep-episode",
                "1.1",
                Json.createObjectBuilder()
                        .add("effective_time_frame", interval(onset, wake))
                        .add("is_main_sleep", true));
    }

    static JsonObjectBuilder interval(Instant start, Instant end) {
        return Json.createObjectBuilder()
                .add(
                        "time_interval",
                        Json.createObjectBuilder()
                                .add("start_date_time", start.toString())
                                .add("end_date_time", end.toString()));
    }

    static String array(JsonObject... points) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObject p : points) {
            a.add(p);
        }
        return a.build().toString();
    }

    static Http.Reply post(String body, String token) throws Exception {
        return http.post("/api/v1/ingest/omh", body, token);
    }

    static List<String> fields(Http.Reply r) {
        return r.object().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field"))
                .toList();
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void pointsAreStoredOnceAsMinutesAndEpisodesAndAResentArrayIsADuplicate() throws Exception {
        String hr = uuid();
        String walk = uuid();
        String night = uuid();
        String body = array(
                heartRate(hr, 92, BASE.plusSeconds(10 * 60 + 20)),
                steps(walk, 1200, BASE, BASE.plus(30, ChronoUnit.MINUTES)),
                sleep(night, BASE.minus(10, ChronoUnit.HOURS), BASE.minus(1, ChronoUnit.HOURS)));

        Http.Reply first = post(body, deviceToken);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String batchId = UUID.nameUUIDFromBytes(("omh:"
                                + String.join(
                                        ",",
                                        List.of(hr, walk, night).stream()
                                                .sorted()
                                                .toList()))
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
        assertThat(first.object().getString("batchId")).isEqualTo(batchId);
        // 30 minutes of steps, one of them with the heart rate, and the night.
        assertThat(first.object().getInt("accepted")).isEqualTo(31);
        assertThat(first.object().getInt("duplicates")).isZero();
        assertThat(walkMinutes()).isEqualTo(30);
        assertThat(scalar("SELECT sum(steps) FROM epoch WHERE tenant_id = ? AND child_id = ?", TENANT, CHILD))
                .isEqualTo("1200");
        assertThat(scalar(
                        "SELECT hr || '/' || steps || '/' || device_id FROM epoch WHERE tenant_id = ? AND child_id = ?"
                                + " AND t = ?::timestamptz",
                        TENANT,
                        CHILD,
                        BASE.plus(10, ChronoUnit.MINUTES).toString()))
                .isEqualTo("92/40/" + device);
        assertThat(scalar(
                        "SELECT count(*) FROM epoch WHERE tenant_id = ? AND child_id = ? AND activity IS NOT NULL",
                        TENANT,
                        CHILD))
                .as("steps are not activity")
                .isEqualTo("0");
        assertThat(scalar(
                        "SELECT source FROM sleep_episode WHERE tenant_id = ? AND child_id = ? AND onset = ?::timestamptz",
                        TENANT,
                        CHILD,
                        BASE.minus(10, ChronoUnit.HOURS).toString()))
                .isEqualTo("device");
        assertThat(scalar("SELECT channel FROM ingest_batch WHERE tenant_id = ? AND batch_id = ?", TENANT, batchId))
                .isEqualTo("omh");

        Http.Reply again = post(body, deviceToken);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.object().getString("batchId")).isEqualTo(batchId);
        assertThat(again.object().getInt("accepted")).isZero();
        assertThat(again.object().getInt("duplicates")).isEqualTo(31);
        assertThat(walkMinutes()).isEqualTo(30);

        // The same heart rate in another array (another batch) is a duplicate; a heart rate for a minute that has
        // only steps completes that minute.
        String later = uuid();
        Http.Reply overlap = post(
                array(
                        heartRate(hr, 92, BASE.plusSeconds(10 * 60 + 20)),
                        heartRate(later, 101, BASE.plusSeconds(20 * 60))),
                deviceToken);
        assertThat(overlap.status()).as(overlap.body()).isEqualTo(200);
        assertThat(overlap.object().getInt("accepted")).isEqualTo(1);
        assertThat(overlap.object().getInt("duplicates")).isEqualTo(1);
        assertThat(scalar(
                        "SELECT hr || '/' || steps FROM epoch WHERE tenant_id = ? AND child_id = ? AND t = ?::timestamptz",
                        TENANT,
                        CHILD,
                        BASE.plus(20, ChronoUnit.MINUTES).toString()))
                .isEqualTo("101/40");
    }

    @Test
    void badPointsAreNamedByTheirPathAndNothingOfTheRequestIsStored() throws Exception {
        Instant at = BASE.plus(45, ChronoUnit.MINUTES);
        long before = epochs(CHILD);
        Http.Reply bad = post(
                array(
                        heartRate(uuid(), 80, at),
                        heartRate(uuid(), 300, at.plusSeconds(60)),
                        point(uuid(), "blood-pressure", "4.0", Json.createObjectBuilder())),
                deviceToken);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(fields(bad)).containsExactly("[1].body.heart_rate.value", "[2].header.schema_id");
        assertThat(epochs(CHILD)).isEqualTo(before);

        Http.Reply future = post(
                heartRate(uuid(), 80, Instant.now().plus(1, ChronoUnit.DAYS)).toString(), deviceToken);
        assertThat(future.status()).isEqualTo(400);
        assertThat(fields(future))
                .as("the service's check, named by the data point's field")
                .containsExactly("body.effective_time_frame.date_time");

        String same = uuid();
        Http.Reply twice = post(array(heartRate(same, 80, at), heartRate(same, 81, at.plusSeconds(60))), deviceToken);
        assertThat(fields(twice)).containsExactly("[1].header.uuid");

        assertThat(post("{\"header\": ", deviceToken).status()).isEqualTo(400);
        assertThat(post(heartRate(uuid(), 80, at).toString(), null).status()).isEqualTo(401);
        assertThat(epochs(CHILD)).isEqualTo(before);
    }

    @Test
    void theOpenMHealthMediaTypeIsTakenAndConsentIsRequired() throws Exception {
        HttpRequest vnd = http.request("/api/v1/ingest/omh")
                .header("Content-Type", "application/vnd.openmhealth+json")
                .header("Authorization", "Bearer " + deviceToken)
                .POST(HttpRequest.BodyPublishers.ofString(
                        heartRate(uuid(), 70, BASE.plus(50, ChronoUnit.MINUTES)).toString()))
                .build();
        Http.Reply r = http.send(vnd);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.object().getInt("accepted")).isEqualTo(1);

        Http.Reply refused = post(heartRate(uuid(), 70, BASE).toString(), unconsentedToken);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(epochs(UNCONSENTED)).isZero();
    }
}
