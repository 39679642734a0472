package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A wearable's life over HTTP: a guardian pairs it, its token uploads the child's data (once, however often the
 * batch is sent) and does nothing else, the child's data reads back page by page for whoever sees the child, and
 * unpairing stops the token at once.
 */
class DevicesIT {

    static Http http;
    static String parent;
    static String child;

    @BeforeAll
    static void server() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        parent = http.token("parent");
        // One of the demo parent's children in Year 5 Oak (which the counsellor looks after) with collection consent.
        child = http.get("/api/v1/children", parent).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("cohortName").equals("Year 5 Oak"))
                .map(c -> c.getString("childId"))
                .filter(DevicesIT::collects)
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    static boolean collects(String childId) {
        return Devices.collects(http, childId, parent);
    }

    static Http.Reply pair(String childId, String label, String token) throws Exception {
        return Devices.pair(http, childId, label, token);
    }

    @Test
    void aPairedDeviceUploadsOnceReadsNothingAndStopsWhenUnpaired() throws Exception {
        Http.Reply paired = pair(child, "Blue wristband", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String deviceId = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");
        String tenant = deviceToken.split("\\.")[1];
        assertThat(deviceToken).matches("zmd\\.[0-9a-f-]{36}\\." + deviceId + "\\.[A-Za-z0-9_-]{43}");
        String link = paired.object().getString("pairingUri");
        assertThat(link).startsWith("zenmoon://pair?server=");
        assertThat(URLDecoder.decode(link.substring(link.indexOf("&token=") + 7), StandardCharsets.UTF_8))
                .isEqualTo(deviceToken);
        assertThat(URLDecoder.decode(
                        link.substring("zenmoon://pair?server=".length(), link.indexOf("&token=")),
                        StandardCharsets.UTF_8))
                .endsWith("/api/v1/");

        // Minutes long before the demo's 60 days and at a place of their own, so that no other run stored them.
        Instant base = Instant.now()
                .truncatedTo(ChronoUnit.MINUTES)
                .minus(70 + ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS)
                .minus(ThreadLocalRandom.current().nextInt(1440), ChronoUnit.MINUTES);
        List<Instant> minutes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            minutes.add(base.plus(i, ChronoUnit.MINUTES));
        }
        String batch = batch(UUID.randomUUID().toString(), deviceId, minutes, base);
        Http.Reply first = http.post("/api/v1/ingest/batches", batch, deviceToken);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.object().getInt("accepted")).isEqualTo(7);
        assertThat(first.object().getInt("duplicates")).isZero();
        Http.Reply again = http.post("/api/v1/ingest/batches", batch, deviceToken);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.object().getInt("accepted")).isZero();
        assertThat(again.object().getInt("duplicates")).isEqualTo(7);

        // Read back a page of two at a time, as the parent; the cursor carries on where the page ended.
        String window = "from=" + q(base.toString()) + "&to="
                + q(base.plus(5, ChronoUnit.MINUTES).toString());
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Reply page = http.get(
                    "/api/v1/children/" + child + "/epochs?" + window + "&limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    parent);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            List<JsonObject> items = page.object().getJsonArray("items").getValuesAs(JsonObject.class);
            assertThat(items).hasSizeLessThanOrEqualTo(2);
            items.forEach(e -> seen.add(e.getString("t")));
            cursor = page.object().isNull("nextCursor") ? null : page.object().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .containsExactlyElementsOf(
                        minutes.stream().map(Instant::toString).toList());
        JsonObject firstEpoch = http.get("/api/v1/children/" + child + "/epochs?" + window + "&limit=1", parent)
                .object()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(firstEpoch.getJsonNumber("hr").doubleValue()).isEqualTo(80.5);
        assertThat(firstEpoch.getString("sleep")).isEqualTo("WAKE");
        assertThat(firstEpoch.getString("deviceId")).isEqualTo(deviceId);

        // The counsellor, who looks after Oak, reads the same; the read is in the child's disclosure log.
        String counsellor = http.token("counsellor");
        Http.Reply staff = http.get("/api/v1/children/" + child + "/epochs?" + window, counsellor);
        assertThat(staff.status()).as(staff.body()).isEqualTo(200);
        assertThat(staff.object().getJsonArray("items")).hasSize(5);
        assertThat(staff.object().isNull("nextCursor")).isTrue();
        Http.Reply log = http.get("/api/v1/children/" + child + "/disclosures?limit=50", parent);
        assertThat(log.object().getJsonArray("items").getValuesAs(JsonObject.class))
                .anySatisfy(d -> {
                    assertThat(d.getString("actorName")).isEqualTo("counsellor");
                    assertThat(d.getString("resource")).isEqualTo("ChildTimeline.epochs");
                    assertThat(d.getString("outcome")).isEqualTo("ok");
                });
        assertThat(http.get("/api/v1/children/" + child + "/epochs", http.token("clinic.admin"))
                        .status())
                .as("another tenant's admin")
                .isEqualTo(404);

        // Episodes and events, in the same shape.
        Http.Reply episodes = http.get("/api/v1/children/" + child + "/sleep-episodes?" + window, parent);
        assertThat(episodes.status()).as(episodes.body()).isEqualTo(200);
        assertThat(episodes.object().getJsonArray("items").getValuesAs(JsonObject.class))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getString("onset")).isEqualTo(base.toString());
                    assertThat(e.getString("wake"))
                            .isEqualTo(base.plus(8, ChronoUnit.HOURS).toString());
                    assertThat(e.getString("source")).isEqualTo("device");
                });
        Http.Reply events = http.get("/api/v1/children/" + child + "/events?" + window, parent);
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        assertThat(events.object().getJsonArray("items").getValuesAs(JsonObject.class))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getString("type")).isEqualTo("math_test");
                    assertThat(e.getString("start"))
                            .isEqualTo(base.plus(1, ChronoUnit.MINUTES).toString());
                    assertThat(e.getString("end"))
                            .isEqualTo(base.plus(46, ChronoUnit.MINUTES).toString());
                    assertThat(e.getString("source")).isEqualTo("phone");
                    assertThat(e.getString("scope")).isEqualTo("child");
                });
        Http.Reply all = http.get("/api/v1/children/" + child + "/events?limit=10080", parent);
        assertThat(all.object().getJsonArray("items").getValuesAs(JsonObject.class))
                .as("the class's school events come with the child's own")
                .anySatisfy(e -> assertThat(e.getString("scope")).isEqualTo("cohort"));

        // The token uploads and does nothing else.
        assertThat(http.get("/api/v1/children", deviceToken).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/children/" + child + "/epochs", deviceToken)
                        .status())
                .isEqualTo(403);
        assertThat(pair(child, "Another", deviceToken).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/devices/" + deviceId, deviceToken).status())
                .isEqualTo(403);
        String forged = "zmd." + tenant + "." + deviceId + "." + "A".repeat(43);
        Http.Reply refused = http.post("/api/v1/ingest/batches", batch, forged);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        // The child's devices, never a token or its hash.
        Http.Reply devices = http.get("/api/v1/children/" + child + "/devices", parent);
        assertThat(devices.status()).as(devices.body()).isEqualTo(200);
        assertThat(devices.body()).doesNotContain(deviceToken.substring(deviceToken.lastIndexOf('.') + 1));
        assertThat(devices.body()).doesNotContain("sha256:");
        JsonObject listed = devices.json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("deviceId").equals(deviceId))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getString("label")).isEqualTo("Blue wristband");
        assertThat(listed.isNull("revokedAt")).isTrue();

        // Unpairing: the token stops at once.
        assertThat(http.delete("/api/v1/devices/" + deviceId, http.token("clinic.admin"))
                        .status())
                .as("another tenant's admin")
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/devices/" + deviceId, parent).status()).isEqualTo(204);
        Http.Reply after = http.post(
                "/api/v1/ingest/batches",
                batch(UUID.randomUUID().toString(), deviceId, List.of(base.plus(10, ChronoUnit.MINUTES)), null),
                deviceToken);
        assertThat(after.status()).as(after.body()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
        assertThat(http.delete("/api/v1/devices/" + deviceId, parent).status())
                .as("unpaired already")
                .isEqualTo(204);
        JsonObject revoked = http
                .get("/api/v1/children/" + child + "/devices", parent)
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(d -> d.getString("deviceId").equals(deviceId))
                .findFirst()
                .orElseThrow();
        assertThat(revoked.isNull("revokedAt")).isFalse();
    }

    /**
     * A phone given only the pairing link learns its device and child from the token (GET /devices/me), audited for
     * the child; it gives up its old token when paired again (DELETE /devices/me), and nothing else may call either.
     */
    @Test
    void aDeviceTokenReadsAndEndsItsOwnPairingOnly() throws Exception {
        Http.Reply paired = pair(child, "Phone by link", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String deviceId = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");

        Http.Reply me = http.get("/api/v1/devices/me", deviceToken);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.object().getString("deviceId")).isEqualTo(deviceId);
        assertThat(me.object().getString("childId")).isEqualTo(child);
        assertThat(me.object().getString("label")).isEqualTo("Phone by link");
        assertThat(me.object().isNull("revokedAt")).isTrue();
        assertThat(me.body()).doesNotContain(deviceToken.substring(deviceToken.lastIndexOf('.') + 1));
        Http.Reply log = http.get("/api/v1/children/" + child + "/disclosures?limit=50", parent);
        assertThat(log.object().getJsonArray("items").getValuesAs(JsonObject.class))
                .as("the device's read of its own pairing, in the child's disclosure log")
                .anySatisfy(d -> {
                    assertThat(d.getString("resource")).isEqualTo("Devices.self");
                    assertThat(d.getString("actorId")).isEqualTo(deviceId);
                    assertThat(d.getString("outcome")).isEqualTo("ok");
                });

        // Only a device token: a guardian's token, a forged or missing one are refused.
        assertThat(http.get("/api/v1/devices/me", parent).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/devices/me", parent).status()).isEqualTo(403);
        String forged = deviceToken.substring(0, deviceToken.lastIndexOf('.') + 1) + "A".repeat(43);
        assertThat(http.get("/api/v1/devices/me", forged).status()).isEqualTo(401);

        // Paired again with a new link, the phone ends its old pairing: the old token stops at once.
        assertThat(http.delete("/api/v1/devices/me", deviceToken).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/devices/me", deviceToken).status()).isEqualTo(401);
        String batch = batch(
                UUID.randomUUID().toString(),
                deviceId,
                List.of(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(80, ChronoUnit.DAYS)),
                null);
        assertThat(http.post("/api/v1/ingest/batches", batch, deviceToken).status())
                .isEqualTo(401);
        JsonObject listed = http
                .get("/api/v1/children/" + child + "/devices", parent)
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(d -> d.getString("deviceId").equals(deviceId))
                .findFirst()
                .orElseThrow();
        assertThat(listed.isNull("revokedAt"))
                .as("the guardian sees it unpaired")
                .isFalse();
    }

    /** Rows that share a time still come once each, page by page: the cursor carries the last row's id too. */
    @Test
    void anomalousMinutesRaiseOneStoredAlertAndClocksAreChecked() throws Exception {
        Http.Reply paired = pair(child, "Alert band", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String deviceId = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");
        Instant base = Instant.now()
                .truncatedTo(ChronoUnit.MINUTES)
                .minus(70 + ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS)
                .minus(ThreadLocalRandom.current().nextInt(1440), ChronoUnit.MINUTES);
        JsonArrayBuilder epochs = Json.createArrayBuilder();
        for (int i = 0; i < 8; i++) {
            // Minutes 2 to 7: six in a row at 0.95, over the default threshold (0.8) for longer than 5 minutes.
            epochs.add(Json.createObjectBuilder()
                    .add("t", base.plus(i, ChronoUnit.MINUTES).toString())
                    .add("hr", 88.0)
                    .add("anomaly", i >= 2 ? 0.95 : 0.1)
                    .add("wear", true));
        }
        String body = Json.createObjectBuilder()
                .add("batchId", UUID.randomUUID().toString())
                .add("deviceId", deviceId)
                // The phone's clock is an hour fast: stored, and flagged.
                .add("sentAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                .add("epochs", epochs)
                .build()
                .toString();
        Http.Reply first = http.post("/api/v1/ingest/batches", body, deviceToken);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.object().getInt("accepted")).isEqualTo(8);
        assertThat(first.object().getBoolean("clockSkewFlagged")).isTrue();
        assertThat(http.post("/api/v1/ingest/batches", body, deviceToken).status())
                .isEqualTo(200);

        try (var db = SharedServer.ownerConnection();
                var alerts = db.prepareStatement(
                        "SELECT kind, started_at, ended_at, value FROM alert WHERE child_id = ? AND started_at >= ?"
                                + " AND started_at < ?")) {
            alerts.setString(1, child);
            alerts.setObject(2, java.time.OffsetDateTime.ofInstant(base, java.time.ZoneOffset.UTC));
            alerts.setObject(
                    3, java.time.OffsetDateTime.ofInstant(base.plus(8, ChronoUnit.MINUTES), java.time.ZoneOffset.UTC));
            try (var rs = alerts.executeQuery()) {
                assertThat(rs.next()).as("one alert").isTrue();
                assertThat(rs.getString("kind")).isEqualTo("device_anomaly");
                assertThat(rs.getObject("started_at", java.time.OffsetDateTime.class)
                                .toInstant())
                        .isEqualTo(base.plus(2, ChronoUnit.MINUTES));
                assertThat(rs.getObject("ended_at", java.time.OffsetDateTime.class)
                                .toInstant())
                        .isEqualTo(base.plus(7, ChronoUnit.MINUTES));
                assertThat(rs.getDouble("value")).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(rs.next())
                        .as("the batch sent again raised no second alert")
                        .isFalse();
            }
        }
        try (var db = SharedServer.ownerConnection();
                var batch = db.prepareStatement(
                        "SELECT clock_skew_seconds, clock_skew_flagged FROM ingest_batch WHERE device_id = ?")) {
            batch.setString(1, deviceId);
            try (var rs = batch.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("clock_skew_seconds")).isBetween(3500, 3700);
                assertThat(rs.getBoolean("clock_skew_flagged")).isTrue();
                assertThat(rs.next()).as("one row per batch id").isFalse();
            }
        }

        // A minute an hour ahead of the server's clock, and one off the minute: refused, each named, nothing stored.
        String bad = Json.createObjectBuilder()
                .add("batchId", UUID.randomUUID().toString())
                .add(
                        "epochs",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add(
                                                "t",
                                                base.plus(20, ChronoUnit.MINUTES)
                                                        .toString()))
                                .add(Json.createObjectBuilder()
                                        .add(
                                                "t",
                                                Instant.now()
                                                        .truncatedTo(ChronoUnit.MINUTES)
                                                        .plus(1, ChronoUnit.HOURS)
                                                        .toString()))
                                .add(Json.createObjectBuilder()
                                        .add(
                                                "t",
                                                base.plus(21, ChronoUnit.MINUTES)
                                                        .plusSeconds(30)
                                                        .toString())))
                .build()
                .toString();
        Http.Reply refused = http.post("/api/v1/ingest/batches", bad, deviceToken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.object().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .containsExactlyInAnyOrder("epochs[1].t", "epochs[2].t");
        String window = "from=" + q(base.plus(20, ChronoUnit.MINUTES).toString()) + "&to="
                + q(base.plus(30, ChronoUnit.MINUTES).toString());
        assertThat(http.get("/api/v1/children/" + child + "/epochs?" + window, parent)
                        .object()
                        .getJsonArray("items"))
                .as("nothing of the refused batch was stored")
                .isEmpty();
    }

    @Test
    void eventsAndEpisodesAtTheSameTimePageOnceEach() throws Exception {
        Http.Reply paired = pair(child, "Green wristband", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String deviceId = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");
        Instant at = Instant.now()
                .truncatedTo(ChronoUnit.MINUTES)
                .minus(70 + ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS)
                .minus(ThreadLocalRandom.current().nextInt(1440), ChronoUnit.MINUTES);
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (String type : List.of("quiz", "match", "concert")) {
            events.add(Json.createObjectBuilder()
                    .add("type", type)
                    .add("start", at.toString())
                    .add("end", at.plus(1, ChronoUnit.HOURS).toString()));
        }
        JsonArrayBuilder episodes = Json.createArrayBuilder();
        for (String source : List.of("device", "reported")) {
            episodes.add(Json.createObjectBuilder()
                    .add("onset", at.toString())
                    .add("wake", at.plus(9, ChronoUnit.HOURS).toString())
                    .add("source", source));
        }
        String batch = Json.createObjectBuilder()
                .add("batchId", UUID.randomUUID().toString())
                .add("deviceId", deviceId)
                .add("events", events)
                .add("sleepEpisodes", episodes)
                .build()
                .toString();
        Http.Reply upload = http.post("/api/v1/ingest/batches", batch, deviceToken);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(upload.object().getInt("accepted")).isEqualTo(5);

        String window = "from=" + q(at.toString()) + "&to="
                + q(at.plus(1, ChronoUnit.MINUTES).toString());
        assertThat(pages("/api/v1/children/" + child + "/events?" + window, "type"))
                .containsExactlyInAnyOrder("quiz", "match", "concert");
        assertThat(pages("/api/v1/children/" + child + "/sleep-episodes?" + window, "source"))
                .containsExactlyInAnyOrder("device", "reported");
        assertThat(http.delete("/api/v1/devices/" + deviceId, parent).status()).isEqualTo(204);
    }

    /** Every page of a list, one row at a time, and the field of each row. */
    static List<String> pages(String path, String field) throws Exception {
        List<String> values = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Reply page = http.get(path + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor), parent);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.object()
                    .getJsonArray("items")
                    .getValuesAs(JsonObject.class)
                    .forEach(o -> values.add(o.getString(field)));
            cursor = page.object().isNull("nextCursor") ? null : page.object().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        return values;
    }

    @Test
    void staffPairOnlyTheChildrenTheySee() throws Exception {
        String willowChild = http
                .get("/api/v1/children", http.token("school.admin"))
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(c -> c.getString("cohortName").equals("Year 6 Willow"))
                .map(c -> c.getString("childId"))
                .findFirst()
                .orElseThrow();
        String counsellor = http.token("counsellor");
        assertThat(pair(willowChild, "Watch", counsellor).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/children/" + willowChild + "/devices", counsellor)
                        .status())
                .isEqualTo(404);
        assertThat(pair(child, "Watch", http.token("clinic.admin")).status())
                .as("another tenant's admin")
                .isEqualTo(404);
        Http.Reply staffPairs = pair(child, "School watch", counsellor);
        assertThat(staffPairs.status()).as(staffPairs.body()).isEqualTo(201);
        assertThat(http.delete("/api/v1/devices/" + staffPairs.object().getString("deviceId"), counsellor)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void badRequestsNameWhatIsWrong() throws Exception {
        assertField(pair(child, "", parent), "label");
        assertField(pair(child, "x".repeat(101), parent), "label");
        assertField(pair(child, "bell\u0007", parent), "label");
        String path = "/api/v1/children/" + child;
        assertField(http.get(path + "/epochs?from=yesterday", parent), "from");
        assertField(http.get(path + "/epochs?to=2026-13-01T00:00:00Z", parent), "to");
        assertField(http.get(path + "/epochs?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", parent), "to");
        assertField(http.get(path + "/epochs?limit=10081", parent), "limit");
        assertField(http.get(path + "/epochs?limit=0", parent), "limit");
        assertField(http.get(path + "/epochs?limit=many", parent), "limit");
        assertField(http.get(path + "/epochs?cursor=garbage", parent), "cursor");
        assertField(http.get(path + "/sleep-episodes?cursor=not%20a%20cursor", parent), "cursor");
        // A cursor of one list means nothing to another.
        String epochsCursor =
                http.get(path + "/epochs?limit=1", parent).object().getString("nextCursor");
        assertField(http.get(path + "/events?cursor=" + epochsCursor, parent), "cursor");
        assertThat(http.get(path + "/epochs?limit=10080", parent).status()).isEqualTo(200);
    }

    @Test
    void anInvalidBatchIsRefusedFieldByFieldAndStoresNothing() throws Exception {
        Http.Reply paired = pair(child, "Red wristband", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String deviceId = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");
        Instant base = Instant.now()
                .truncatedTo(ChronoUnit.MINUTES)
                .minus(70 + ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS);
        JsonObject good = Json.createReader(new java.io.StringReader(batch(
                        UUID.randomUUID().toString(),
                        deviceId,
                        List.of(base, base.plus(1, ChronoUnit.MINUTES), base.plus(2, ChronoUnit.MINUTES)),
                        null)))
                .readObject();
        var epochs = Json.createArrayBuilder(good.getJsonArray("epochs"));
        epochs.set(
                1,
                Json.createObjectBuilder(good.getJsonArray("epochs").getJsonObject(1))
                        .add("hr", 250.5));
        epochs.set(
                2,
                Json.createObjectBuilder(good.getJsonArray("epochs").getJsonObject(2))
                        .add("t", "2026-02-30T08:00:00Z")
                        .add("quality", 1.01));
        String bad =
                Json.createObjectBuilder(good).add("epochs", epochs).build().toString();
        Http.Reply refused = http.post("/api/v1/ingest/batches", bad, deviceToken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.object().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .containsExactlyInAnyOrder("epochs[1].hr", "epochs[2].t", "epochs[2].quality");
        String window = "from=" + q(base.toString()) + "&to="
                + q(base.plus(1, ChronoUnit.HOURS).toString());
        assertThat(http.get("/api/v1/children/" + child + "/epochs?" + window, parent)
                        .object()
                        .getJsonArray("items"))
                .as("nothing of the refused batch is stored")
                .isEmpty();
        assertThat(http.post("/api/v1/ingest/batches", "null", deviceToken).status())
                .isEqualTo(400);
        Http.Reply stored = http.post("/api/v1/ingest/batches", good.toString(), deviceToken);
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.object().getInt("accepted")).isEqualTo(3);
        assertThat(http.delete("/api/v1/devices/" + deviceId, parent).status()).isEqualTo(204);
    }

    static void assertField(Http.Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.object().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field"))
                .containsExactly(field);
    }

    /** A batch with these minutes and, with {@code extras}, one event and one sleep episode from then. */
    static String batch(String batchId, String deviceId, List<Instant> minutes, Instant extras) {
        JsonArrayBuilder epochs = Json.createArrayBuilder();
        for (Instant t : minutes) {
            epochs.add(Json.createObjectBuilder()
                    .add("t", t.toString())
                    .add("hr", 80.5)
                    .add("rmssd", 41.0)
                    .add("eda", 3.2)
                    .add("activity", 120)
                    .add("stress", 0.61)
                    .add("sleep", "WAKE")
                    .add("quality", 0.9));
        }
        var body = Json.createObjectBuilder()
                .add("batchId", batchId)
                .add("deviceId", deviceId)
                .add("epochs", epochs);
        if (extras != null) {
            body.add(
                            "events",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("type", "math_test")
                                            .add(
                                                    "start",
                                                    extras.plus(1, ChronoUnit.MINUTES)
                                                            .toString())
                                            .add(
                                                    "end",
                                                    extras.plus(46, ChronoUnit.MINUTES)
                                                            .toString())))
                    .add(
                            "sleepEpisodes",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("onset", extras.toString())
                                            .add(
                                                    "wake",
                                                    extras.plus(8, ChronoUnit.HOURS)
                                                            .toString())
                                            .add("source", "device")));
        }
        return body.build().toString();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
