package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live alerts end to end: a guardian's app listens on {@code /ws/alerts} (the token as the subprotocols
 * {@code bearer, TOKEN}), the child's wearable uploads minutes that raise an alert, and the alert arrives on the
 * sockets of those who see the child and only theirs (a guardian linked after the socket opened too, another class's
 * counsellor of the same school never); the list shows it (audited), staff acknowledge it and guardians may not.
 */
class AlertsIT {

    static Http http;
    static String parent;
    static String child;

    @BeforeAll
    static void server() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        parent = http.token("parent");
        // One of the demo parent's children in Year 5 Oak (the counsellor's class) with collection consent.
        child = http.get("/api/v1/children", parent).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("cohortName").equals("Year 5 Oak"))
                .map(c -> c.getString("childId"))
                .filter(c -> collects(c, parent))
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    static boolean collects(String childId, String token) {
        return Devices.collects(http, childId, token);
    }

    static Http.Reply pair(String childId, String label, String token) throws Exception {
        return Devices.pair(http, childId, label, token);
    }

    /** A client socket that keeps what it hears. */
    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongs.add(message);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    static URI socketUri() throws Exception {
        return URI.create(SharedServer.get().baseUrl().replaceFirst("^http", "ws") + "/ws/alerts");
    }

    static CompletableFuture<WebSocket> connect(Listener listener, String... subprotocols) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            b = b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return b.buildAsync(socketUri(), listener);
    }

    /**
     * A socket the server has registered. The protocol sends nothing on open, but the server (Tyrus) reads no frame
     * of a connection before its {@code @OnOpen} has returned, and that is where the feed registers the socket: the
     * answer to a ping is the sign. The client may see the handshake's 101 earlier, hence the ping.
     */
    static WebSocket open(Listener listener, String token) throws Exception {
        WebSocket ws = connect(listener, "bearer", token).get(10, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo("bearer");
        ws.sendPing(ByteBuffer.wrap(new byte[] {1})).get(10, TimeUnit.SECONDS);
        assertThat(listener.pongs.poll(10, TimeUnit.SECONDS))
                .as("the pong after the socket is registered")
                .isNotNull();
        assertThat(listener.closed).as("still open").isNotDone();
        return ws;
    }

    static Instant uploadAnAnomaly(String deviceId, String deviceToken) throws Exception {
        return Devices.uploadAnAnomaly(http, deviceId, deviceToken);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void anAlertReachesTheGuardiansSocketOnlyIsListedAuditedAndAcknowledgedByStaff() throws Exception {
        Instant testStart = Instant.now().minusSeconds(5);
        Http.Reply paired = pair(child, "Alerting band", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String deviceId = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");

        Listener parentHears = new Listener();
        Listener otherGuardianHears = new Listener();
        Listener otherTenantHears = new Listener();
        Listener counsellorHears = new Listener();
        WebSocket parentSocket = open(parentHears, parent);
        WebSocket otherGuardianSocket = open(otherGuardianHears, http.token("guardian.4"));
        WebSocket otherTenantSocket = open(otherTenantHears, http.token("clinician"));
        WebSocket counsellorSocket = open(counsellorHears, http.token("counsellor"));

        Instant base = uploadAnAnomaly(deviceId, deviceToken);

        String message = parentHears.messages.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("the alert on the guardian's socket within 10 s").isNotNull();
        JsonObject pushed = Json.createReader(new StringReader(message)).readObject();
        assertThat(pushed.getString("childId")).isEqualTo(child);
        assertThat(pushed.getString("kind")).isEqualTo("device_anomaly");
        assertThat(pushed.getString("severity")).isEqualTo("high");
        assertThat(pushed.getString("at"))
                .isEqualTo(base.plus(2, ChronoUnit.MINUTES).toString());
        assertThat(Instant.parse(pushed.getString("raisedAt"))).isAfter(testStart);
        assertThat(pushed.getString("detail"))
                .startsWith("The wearable's readings looked unusual (anomaly score up to 0.95, alert level 0.80)"
                        + " for 6 minutes from ");
        assertThat(pushed.isNull("acknowledgedBy")).isTrue();
        assertThat(pushed.isNull("acknowledgedAt")).isTrue();
        String alertId = pushed.getString("alertId");
        assertThat(alertId).matches("[0-9a-f-]{36}");
        String counsellorMessage = counsellorHears.messages.poll(10, TimeUnit.SECONDS);
        assertThat(counsellorMessage)
                .as("the alert on the socket of the child's class's counsellor")
                .isNotNull();
        assertThat(Json.createReader(new StringReader(counsellorMessage)).readObject())
                .isEqualTo(pushed);

        // Nobody who may not see the child hears of it: a guardian of another child, staff of another tenant.
        assertThat(otherGuardianHears.messages.poll(3, TimeUnit.SECONDS)).isNull();
        assertThat(otherTenantHears.messages.poll(0, TimeUnit.SECONDS)).isNull();
        assertThat(parentHears.messages.poll(0, TimeUnit.SECONDS))
                .as("one message per alert")
                .isNull();
        parentSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        otherGuardianSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        otherTenantSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        counsellorSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        // The list: the same JSON as the push, newest first; its read is in the child's disclosure log.
        String alertsOfChild = "/api/v1/children/" + child + "/alerts";
        Http.Reply listed = http.get(alertsOfChild + "?from=" + q(testStart.toString()), parent);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonObject> items = listed.object().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).contains(pushed);
        assertThat(http.get(alertsOfChild + "?to=" + q(testStart.toString()), parent)
                        .object()
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class))
                .as("raised after to")
                .noneMatch(a -> a.getString("alertId").equals(alertId));
        Http.Reply badFrom = http.get(alertsOfChild + "?from=yesterday", parent);
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.contentType()).startsWith("application/problem+json");
        assertThat(badFrom.object().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("from");
        // Well-formed, but beyond what java.sql.Timestamp or PostgreSQL holds: a 400 naming it, not a 500.
        for (String bound : List.of("from", "to")) {
            for (String extreme :
                    List.of("+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
                Http.Reply beyond = http.get(alertsOfChild + "?" + bound + "=" + q(extreme), parent);
                assertThat(beyond.status())
                        .as(bound + "=" + extreme + ": " + beyond.body())
                        .isEqualTo(400);
                JsonObject error = beyond.object().getJsonArray("errors").getJsonObject(0);
                assertThat(error.getString("field")).isEqualTo(bound);
                assertThat(error.getString("message"))
                        .isEqualTo("must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
                Http.Reply epochs =
                        http.get("/api/v1/children/" + child + "/epochs?" + bound + "=" + q(extreme), parent);
                assertThat(epochs.status())
                        .as("epochs " + bound + "=" + extreme)
                        .isEqualTo(400);
                assertThat(epochs.object()
                                .getJsonArray("errors")
                                .getJsonObject(0)
                                .getString("field"))
                        .isEqualTo(bound);
            }
        }
        Http.Reply badLimit = http.get(alertsOfChild + "?limit=501", parent);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.object().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("limit");
        assertThat(http.get(alertsOfChild, http.token("guardian.4")).status())
                .as("a guardian of another child")
                .isEqualTo(404);
        assertThat(http.get(alertsOfChild, http.token("clinician")).status())
                .as("staff of another tenant")
                .isEqualTo(404);
        List<JsonObject> log = http.get("/api/v1/children/" + child + "/disclosures?limit=100", parent)
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(log).anySatisfy(d -> {
            assertThat(d.getString("actorName")).isEqualTo("parent");
            assertThat(d.getString("resource")).isEqualTo("Alerts.ofChild");
            assertThat(d.getString("action")).isEqualTo("read");
            assertThat(d.getString("outcome")).isEqualTo("ok");
        });
        assertThat(log).anySatisfy(d -> {
            assertThat(d.getString("actorName")).isEqualTo("parent");
            assertThat(d.getString("resource")).isEqualTo("Alerts.pushed");
            assertThat(d.getString("outcome")).isEqualTo("ok");
            assertThat(d.getString("requestId")).startsWith("ws-");
        });

        // Acknowledging: staff who see the child, not guardians, not staff who do not see it.
        String ack = "/api/v1/alerts/" + alertId + "/ack";
        assertThat(http.post(ack, "{\"note\":\"Seen\"}", parent).status())
                .as("a guardian")
                .isEqualTo(403);
        assertThat(http.post(ack, "{}", http.token("clinician")).status())
                .as("staff of another tenant")
                .isEqualTo(404);
        String counsellor = http.token("counsellor");
        assertThat(http.post("/api/v1/alerts/" + UUID.randomUUID() + "/ack", "{}", counsellor)
                        .status())
                .as("no such alert")
                .isEqualTo(404);
        Http.Reply unknownField = http.post(ack, "{\"note\":\"x\",\"by\":\"someone\"}", counsellor);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.object().getJsonArray("errors").getValuesAs(JsonObject.class))
                .anySatisfy(e -> assertThat(e.getString("field")).isEqualTo("by"));
        assertThat(http.post(
                                ack,
                                Json.createObjectBuilder()
                                        .add("note", "x".repeat(501))
                                        .build()
                                        .toString(),
                                counsellor)
                        .status())
                .as("a note over 500 characters")
                .isEqualTo(400);
        Instant beforeAck = Instant.now().minusSeconds(5);
        Http.Reply acked = http.post(ack, "{\"note\":\"Called the family; the band was loose.\"}", counsellor);
        assertThat(acked.status()).as(acked.body()).isEqualTo(204);
        JsonObject after = http
                .get(alertsOfChild + "?from=" + q(testStart.toString()), parent)
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(a -> a.getString("alertId").equals(alertId))
                .findFirst()
                .orElseThrow();
        assertThat(after.getString("acknowledgedBy")).isEqualTo("counsellor");
        assertThat(Instant.parse(after.getString("acknowledgedAt"))).isAfter(beforeAck);
        List<JsonObject> logAfter = http.get("/api/v1/children/" + child + "/disclosures?limit=100", parent)
                .object()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(logAfter).anySatisfy(d -> {
            assertThat(d.getString("actorName")).isEqualTo("counsellor");
            assertThat(d.getString("resource")).isEqualTo("Alerts.acknowledge");
            assertThat(d.getString("action")).isEqualTo("write");
            assertThat(d.getString("outcome")).isEqualTo("ok");
        });
    }

    @Test
    void anAlertOfAnotherClassPassesTheCounsellorByAndReachesAGuardianLinkedAfterTheSocketOpened() throws Exception {
        String schoolAdmin = http.token("school.admin");
        // A child of Year 6 Willow, the class the demo counsellor does not see, with collection consent.
        String willowChild =
                http.get("/api/v1/children", schoolAdmin).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("cohortName").equals("Year 6 Willow"))
                        .map(c -> c.getString("childId"))
                        .filter(c -> collects(c, schoolAdmin))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
        String counsellor = http.token("counsellor");
        assertThat(http.get("/api/v1/children/" + willowChild + "/alerts", counsellor)
                        .status())
                .as("the counsellor does not see the Willow child")
                .isEqualTo(404);
        // A guardian account of its own, linked to the child only once its socket is open.
        String username = "alerts.late." + Long.toString(System.nanoTime(), 36);
        String password = "violet kettle on the moor";
        Http.Reply created = http.post(
                "/api/v1/users",
                Json.createObjectBuilder()
                        .add("username", username)
                        .add("password", password)
                        .add("roles", Json.createArrayBuilder().add("GUARDIAN"))
                        .build()
                        .toString(),
                schoolAdmin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String lateGuardian = http.token(username, password);

        Listener adminHears = new Listener();
        Listener counsellorHears = new Listener();
        Listener lateGuardianHears = new Listener();
        WebSocket adminSocket = open(adminHears, schoolAdmin);
        WebSocket counsellorSocket = open(counsellorHears, counsellor);
        WebSocket lateGuardianSocket = open(lateGuardianHears, lateGuardian);

        Http.Reply linked = http.post(
                "/api/v1/children/" + willowChild + "/guardians",
                Json.createObjectBuilder().add("username", username).build().toString(),
                schoolAdmin);
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        Http.Reply paired = pair(willowChild, "Willow band", schoolAdmin);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        uploadAnAnomaly(paired.object().getString("deviceId"), paired.object().getString("deviceToken"));

        String toAdmin = adminHears.messages.poll(10, TimeUnit.SECONDS);
        assertThat(toAdmin)
                .as("the alert on the school admin's socket within 10 s")
                .isNotNull();
        JsonObject pushed = Json.createReader(new StringReader(toAdmin)).readObject();
        assertThat(pushed.getString("childId")).isEqualTo(willowChild);
        assertThat(pushed.getString("kind")).isEqualTo("device_anomaly");
        String toLateGuardian = lateGuardianHears.messages.poll(10, TimeUnit.SECONDS);
        assertThat(toLateGuardian)
                .as("the alert on the socket of a guardian linked after it opened")
                .isNotNull();
        assertThat(Json.createReader(new StringReader(toLateGuardian)).readObject())
                .isEqualTo(pushed);
        assertThat(counsellorHears.messages.poll(3, TimeUnit.SECONDS))
                .as("nothing for staff of the same school who do not see the child's class")
                .isNull();
        assertThat(counsellorHears.closed)
                .as("the counsellor's socket stays open")
                .isNotDone();
        adminSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        counsellorSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        lateGuardianSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSocketWithoutAValidUserTokenIsRefusedAtTheHandshake() throws Exception {
        Http.Reply paired = pair(child, "Refused band", parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String good = http.token("counsellor");
        PrivateKey key = Tokens.serverKey(SharedServer.get().home);
        long now = Instant.now().getEpochSecond();
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("no subprotocols", new String[0]);
        bad.put("bearer without a token", new String[] {"bearer"});
        bad.put("garbage", new String[] {"bearer", "not.a.token"});
        bad.put("expired", new String[] {
            "bearer",
            Tokens.rs256(key, AdversarialIT.withTimes(Tokens.claims(good), now - 7200, now - 3600, now - 7200))
        });
        bad.put("a device's token", new String[] {"bearer", paired.object().getString("deviceToken")});
        List<String> connected = new ArrayList<>();
        for (Map.Entry<String, String[]> b : bad.entrySet()) {
            Throwable refused =
                    catchThrowable(() -> connect(new Listener(), b.getValue()).get(10, TimeUnit.SECONDS));
            if (!(refused != null && refused.getCause() instanceof WebSocketHandshakeException h)) {
                connected.add(b.getKey() + ": " + refused);
                continue;
            }
            assertThat(h.getResponse().statusCode()).as(b.getKey()).isEqualTo(401);
        }
        assertThat(connected).as("handshakes that were not refused with a 401").isEmpty();

        // A revoked token (log-out) stops working for sockets as for the API.
        String loggedOut = http.token("guardian.6");
        assertThat(http.post("/api/v1/auth/logout", "{}", loggedOut).status()).isEqualTo(204);
        Throwable refused = catchThrowable(
                () -> connect(new Listener(), "bearer", loggedOut).get(10, TimeUnit.SECONDS));
        assertThat(refused).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause())
                        .getResponse()
                        .statusCode())
                .isEqualTo(401);
    }
}
