package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Uploads over MQTT, as a paired phone sends them, through a real Mosquitto to the run command's bridge: the same
 * answers as the REST API, on the device's ack topic, sent only after the batch is committed; a batch published
 * while the server is down arrives once it is back; a broker that goes away is reconnected to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MqttIT {

    static Http http;
    static String tenantId;
    static String childId;
    static Device phone;
    static Device otherPhone;
    static Device burstPhone;
    /** Each test's epochs lie in minutes of their own, before any demo data. */
    static Instant firstMinute;

    /** A paired device: its id and its token. */
    record Device(String id, String token) {
        String up() {
            return "zenmoon/" + tenantId + "/" + id + "/up";
        }

        String ack() {
            return "zenmoon/" + tenantId + "/" + id + "/ack";
        }
    }

    /** An acknowledgement, with what the database held at the moment it arrived. */
    record Ack(JsonObject body, String contentType, long batchRowsWhenAcked, long epochRowsWhenAcked) {}

    @BeforeAll
    static void pairDevices() throws Exception {
        http = new Http(SharedServer.get().baseUrl());
        awaitBridge("connected");
        String parent = http.token("parent");
        // One of the demo parent's children with collection consent.
        childId = http.get("/api/v1/children", parent).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("childId"))
                .filter(c -> collects(c, parent))
                .sorted()
                .findFirst()
                .orElseThrow();
        phone = pair(parent, "it phone");
        otherPhone = pair(parent, "it other phone");
        burstPhone = pair(parent, "it burst phone");
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT min(t) FROM epoch WHERE child_id = ?")) {
            q.setString(1, childId);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                Instant earliest = r.getTimestamp(1) == null
                        ? Instant.now()
                        : r.getTimestamp(1).toInstant();
                firstMinute = earliest.truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
            }
        }
    }

    static boolean collects(String child, String parent) {
        return Devices.collects(http, child, parent);
    }

    /** Pairs a device for the child as the parent would, and keeps its token. */
    static Device pair(String parent, String label) throws Exception {
        Http.Reply paired = http.post(
                "/api/v1/devices/pair",
                Json.createObjectBuilder()
                        .add("childId", childId)
                        .add("label", label)
                        .build()
                        .toString(),
                parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String token = paired.object().getString("deviceToken");
        // zmd.<tenantId>.<deviceId>.<secret>: the topic names the same tenant and device.
        tenantId = token.split("\\.")[1];
        return new Device(paired.object().getString("deviceId"), token);
    }

    /** Waits until readiness reports the bridge in {@code state}, and returns the report's status code. */
    static int awaitBridge(String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            Http.Reply ready = http.get("/health/ready", null);
            last = ready.status() + " " + ready.body();
            JsonObject mqtt = ready.object().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("name").equals("mqtt"))
                    .findFirst()
                    .orElse(null);
            if (mqtt != null && mqtt.getJsonObject("data").getString("bridge").equals(state)) {
                return ready.status();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the bridge did not become " + state + "; last readiness: " + last);
    }

    /** A phone's MQTT client: publishes on its device's topic, and collects what arrives on its ack topic. */
    static final class Phone implements AutoCloseable {
        final MqttAsyncClient client;
        final BlockingQueue<Ack> acks = new LinkedBlockingQueue<>();

        Phone(Device device) throws Exception {
            client = new MqttAsyncClient(
                    SharedServer.broker().url(), "it-" + UUID.randomUUID(), new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    JsonObject body = Json.createReader(
                                    new StringReader(new String(message.getPayload(), StandardCharsets.UTF_8)))
                            .readObject();
                    // The database as it is the moment the acknowledgement arrives.
                    long batches = -1;
                    long epochs = -1;
                    if (body.containsKey("batchId")) {
                        try (Connection db = SharedServer.ownerConnection();
                                PreparedStatement q = db.prepareStatement(
                                        "SELECT (SELECT count(*) FROM ingest_batch WHERE batch_id = ?),"
                                                + " (SELECT count(*) FROM epoch WHERE child_id = ? AND device_id = ?"
                                                + " AND t >= ? AND t < ?)")) {
                            q.setString(1, body.getString("batchId"));
                            q.setString(2, childId);
                            q.setString(3, device.id());
                            q.setTimestamp(4, java.sql.Timestamp.from(firstMinute));
                            q.setTimestamp(5, java.sql.Timestamp.from(firstMinute.plus(2, ChronoUnit.DAYS)));
                            try (ResultSet r = q.executeQuery()) {
                                r.next();
                                batches = r.getLong(1);
                                epochs = r.getLong(2);
                            }
                        }
                    }
                    acks.add(new Ack(body, message.getProperties().getContentType(), batches, epochs));
                }

                @Override
                public void disconnected(MqttDisconnectResponse r) {}

                @Override
                public void mqttErrorOccurred(MqttException e) {}

                @Override
                public void deliveryComplete(IMqttToken t) {}

                @Override
                public void connectComplete(boolean reconnect, String uri) {}

                @Override
                public void authPacketArrived(int code, MqttProperties p) {}
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(device.ack(), 1).waitForCompletion(10_000);
        }

        /** Publishes {@code json} on {@code topic} at QoS 1, with the token as the authorization user property. */
        void publish(String topic, String token, String json) throws MqttException {
            MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            MqttProperties props = new MqttProperties();
            if (token != null) {
                props.setUserProperties(List.of(new UserProperty("authorization", "Bearer " + token)));
            }
            m.setProperties(props);
            client.publish(topic, m).waitForCompletion(10_000);
        }

        Ack next() throws InterruptedException {
            Ack ack = acks.poll(60, TimeUnit.SECONDS);
            assertThat(ack).as("an acknowledgement within 60 s").isNotNull();
            return ack;
        }

        @Override
        public void close() throws MqttException {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    /** A batch of {@code n} minutes, starting {@code offsetMinutes} after the test's first minute. */
    static String batch(String batchId, int offsetMinutes, int n, double hr) {
        StringBuilder epochs = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Instant t = firstMinute.plus(offsetMinutes + i, ChronoUnit.MINUTES);
            epochs.append(i == 0 ? "" : ",")
                    .append("{\"t\":\"")
                    .append(t)
                    .append("\",\"hr\":")
                    .append(hr)
                    .append(",\"stress\":0.4,\"sleep\":\"WAKE\"}");
        }
        return "{\"batchId\":\"" + batchId + "\",\"epochs\":[" + epochs + "]}";
    }

    static long epochRows(int offsetMinutes, int n) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement(
                        "SELECT count(*) FROM epoch WHERE tenant_id = ? AND child_id = ? AND t >= ? AND t < ?")) {
            q.setString(1, tenantId);
            q.setString(2, childId);
            q.setTimestamp(3, java.sql.Timestamp.from(firstMinute.plus(offsetMinutes, ChronoUnit.MINUTES)));
            q.setTimestamp(4, java.sql.Timestamp.from(firstMinute.plus(offsetMinutes + n, ChronoUnit.MINUTES)));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static long batchRows(String batchId) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q = db.prepareStatement("SELECT count(*) FROM ingest_batch WHERE batch_id = ?")) {
            q.setString(1, batchId);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    @Order(1)
    void aBatchIsStoredOnceAndAcknowledgedOnlyAfterCommit() throws Exception {
        try (Phone p = new Phone(phone)) {
            String batchId = "mqtt-" + UUID.randomUUID();
            String body = batch(batchId, 0, 5, 72.5);
            p.publish(phone.up(), phone.token(), body);
            Ack first = p.next();
            assertThat(first.contentType()).isEqualTo("application/json");
            assertThat(first.body().getString("batchId")).isEqualTo(batchId);
            assertThat(first.body().getInt("accepted")).isEqualTo(5);
            assertThat(first.body().getInt("duplicates")).isZero();
            // Read the moment the acknowledgement arrived: the batch and its epochs were committed already.
            assertThat(first.batchRowsWhenAcked()).isEqualTo(1);
            assertThat(first.epochRowsWhenAcked()).isEqualTo(5);

            p.publish(phone.up(), phone.token(), body);
            Ack second = p.next();
            assertThat(second.body().getString("batchId")).isEqualTo(batchId);
            assertThat(second.body().getInt("accepted")).isZero();
            assertThat(second.body().getInt("duplicates")).isEqualTo(5);
        }
        assertThat(epochRows(0, 5)).isEqualTo(5);
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q =
                        db.prepareStatement("SELECT channel FROM ingest_batch WHERE device_id = ? AND tenant_id = ?")) {
            q.setString(1, phone.id());
            q.setString(2, tenantId);
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("mqtt");
            }
        }
    }

    @Test
    @Order(2)
    void anInvalidBatchNamesItsFieldsAndStoresNothing() throws Exception {
        try (Phone p = new Phone(phone)) {
            String batchId = "mqtt-" + UUID.randomUUID();
            p.publish(phone.up(), phone.token(), batch(batchId, 100, 3, 400.0));
            Ack ack = p.next();
            assertThat(ack.contentType()).isEqualTo("application/problem+json");
            assertThat(ack.body().getInt("status")).isEqualTo(400);
            assertThat(ack.body().getString("batchId")).isEqualTo(batchId);
            assertThat(ack.body().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                            .map(e -> e.getString("field")))
                    .contains("epochs[0].hr", "epochs[1].hr", "epochs[2].hr");
            assertThat(batchRows(batchId)).isZero();

            p.publish(phone.up(), phone.token(), "{\"batchId\": [");
            assertThat(p.next().body().getInt("status")).isEqualTo(400);
        }
        assertThat(epochRows(100, 3)).isZero();
    }

    @Test
    @Order(3)
    void aWrongTokenIsUnauthorizedAndAnotherDevicesTokenForbidden() throws Exception {
        try (Phone p = new Phone(phone)) {
            String wrongSecret = phone.token().substring(0, phone.token().lastIndexOf('.') + 1) + "x".repeat(43);
            p.publish(phone.up(), wrongSecret, batch("mqtt-" + UUID.randomUUID(), 200, 2, 70.0));
            Ack wrong = p.next();
            assertThat(wrong.body().getInt("status")).isEqualTo(401);
            assertThat(wrong.contentType()).isEqualTo("application/problem+json");

            p.publish(phone.up(), null, batch("mqtt-" + UUID.randomUUID(), 200, 2, 70.0));
            assertThat(p.next().body().getInt("status")).isEqualTo(401);

            // The other phone's valid token, on this phone's topic.
            p.publish(phone.up(), otherPhone.token(), batch("mqtt-" + UUID.randomUUID(), 200, 2, 70.0));
            assertThat(p.next().body().getInt("status")).isEqualTo(403);
        }
        assertThat(epochRows(200, 2)).isZero();
    }

    /**
     * Many uploads at once: every one is stored and answered once, each acknowledged to the broker once (as its own
     * log shows), and the server never handled more than {@code zenmoon.mqtt.max-in-flight} (8) at a time.
     */
    @Test
    @Order(4)
    void aBurstIsHandledEightAtATimeAndNothingIsDropped() throws Exception {
        int batches = 40;
        int perBatch = 60;
        try (Phone p = new Phone(burstPhone)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                String batchId = "burst-" + i + "-" + UUID.randomUUID();
                ids.add(batchId);
                p.publish(
                        burstPhone.up(), burstPhone.token(), batch(batchId, 1_000 + i * perBatch, perBatch, 60.0 + i));
            }
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < batches; i++) {
                Ack ack = p.next();
                assertThat(ack.body().getInt("accepted")).isEqualTo(perBatch);
                assertThat(answered.add(ack.body().getString("batchId"))).isTrue();
            }
            assertThat(answered).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(p.acks.poll(2, TimeUnit.SECONDS)).as("no second answer").isNull();
        }
        assertThat(epochRows(1_000, batches * perBatch)).isEqualTo((long) batches * perBatch);

        // Every upload the broker sent the server was acknowledged to it, once (the broker's log, which reaches
        // its file a little late, names packets by topic: this phone's alone).
        Pattern sent = Pattern.compile(
                "Sending PUBLISH to zenmoon-server \\(d0, q1, r\\d, m(\\d+), '" + Pattern.quote(burstPhone.up()) + "'");
        Pattern acked = Pattern.compile("Received PUBACK from zenmoon-server \\(Mid: (\\d+)");
        Set<String> outstanding = new HashSet<>();
        int uploads = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        do {
            outstanding.clear();
            uploads = 0;
            for (String line : Files.readString(SharedServer.broker().log()).split("\n")) {
                Matcher m = sent.matcher(line);
                if (m.find()) {
                    outstanding.add(m.group(1));
                    uploads++;
                }
                Matcher a = acked.matcher(line);
                if (a.find()) {
                    outstanding.remove(a.group(1));
                }
            }
            if (uploads == batches && outstanding.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        assertThat(uploads).as("uploads the broker sent the server").isEqualTo(batches);
        assertThat(outstanding).as("uploads left unacknowledged").isEmpty();

        // The broker may send more than the receive maximum (Mosquitto 2.0.11 does); the server still handles at
        // most eight at once, and the burst kept it that busy.
        JsonObject mqtt =
                http.get("/health/ready", null).object().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("name").equals("mqtt"))
                        .findFirst()
                        .orElseThrow()
                        .getJsonObject("data");
        assertThat(number(mqtt, "maxInFlight")).isEqualTo(8);
        assertThat(number(mqtt, "peakInFlight")).isBetween(2, 8);
        assertThat(number(mqtt, "inFlight")).isZero();
    }

    /** A number in a health check's data, which Payara writes as a JSON string. */
    static int number(JsonObject data, String key) {
        JsonValue v = data.get(key);
        assertThat(v).as(key).isNotNull();
        return v instanceof JsonNumber n ? n.intValue() : Integer.parseInt(((JsonString) v).getString());
    }

    @Test
    @Order(5)
    void aBatchPublishedWhileTheServerIsDownArrivesWhenItIsBack() throws Exception {
        String batchId = "mqtt-" + UUID.randomUUID();
        try (Phone p = new Phone(phone)) {
            SharedServer.restart(() -> p.publish(phone.up(), phone.token(), batch(batchId, 300, 4, 65.0)));
            http = new Http(SharedServer.get().baseUrl());
            Ack ack = p.next();
            assertThat(ack.body().getString("batchId")).isEqualTo(batchId);
            assertThat(ack.body().getInt("accepted")).isEqualTo(4);
        }
        assertThat(epochRows(300, 4)).isEqualTo(4);
    }

    @Test
    @Order(6)
    void aBrokerThatGoesAwayHoldsReadinessAndIsReconnectedTo() throws Exception {
        Mosquitto broker = SharedServer.broker();
        broker.stop();
        try {
            assertThat(awaitBridge("disconnected")).isEqualTo(503);
        } finally {
            broker.start();
        }
        assertThat(awaitBridge("connected")).isEqualTo(200);
        try (Phone p = new Phone(phone)) {
            String batchId = "mqtt-" + UUID.randomUUID();
            p.publish(phone.up(), phone.token(), batch(batchId, 400, 2, 80.0));
            Ack ack = p.next();
            assertThat(ack.body().getString("batchId")).isEqualTo(batchId);
            assertThat(ack.body().getInt("accepted")).isEqualTo(2);
        }
    }

    @AfterAll
    static void brokerIsBack() throws Exception {
        // Whatever happened above, the next test class finds the bridge connected.
        awaitBridge("connected");
    }
}
