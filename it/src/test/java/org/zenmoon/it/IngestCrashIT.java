package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue #12's crash test: a phone streams batches over one keep-alive connection, the application server is killed
 * with SIGKILL mid-stream and started again, and the phone sends every batch it has no acknowledgement for once
 * more, with the same id and content, as docs/INGEST.md tells it to. Afterwards every acknowledged batch is stored
 * once, and the child has exactly one row for every minute that was sent: nothing acknowledged was lost, nothing
 * resent was stored twice, and no batch was stored in part.
 */
class IngestCrashIT {

    static final int BATCHES = 300;
    static final int MINUTES_PER_BATCH = 60;

    /** One batch as the phone keeps it until acknowledged: its id and body never change between tries. */
    record Batch(String id, String body) {}

    @Test
    void aKilledServerLosesNoAcknowledgedBatchAndStoresNoneTwice() throws Exception {
        Http http = new Http(SharedServer.get().baseUrl());
        String parent = http.token("parent");
        String child = childWithCollectionConsent(http, parent);
        Http.Reply paired = http.post(
                "/api/v1/devices/pair",
                Json.createObjectBuilder()
                        .add("childId", child)
                        .add("label", "Crash test band")
                        .build()
                        .toString(),
                parent);
        assertThat(paired.status()).as(paired.body()).isEqualTo(201);
        String deviceId = paired.object().getString("deviceId");
        String deviceToken = paired.object().getString("deviceToken");

        // 300 hours of minutes, 385 to 372.5 days back: inside the 400 days the server accepts, older than the demo's
        // data and than the minutes DevicesIT picks, so that no other test stores a minute of this range.
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(385, ChronoUnit.DAYS);
        Instant to = from.plus((long) BATCHES * MINUTES_PER_BATCH, ChronoUnit.MINUTES);
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            JsonArrayBuilder epochs = Json.createArrayBuilder();
            for (int m = 0; m < MINUTES_PER_BATCH; m++) {
                int minute = b * MINUTES_PER_BATCH + m;
                epochs.add(Json.createObjectBuilder()
                        .add("t", from.plus(minute, ChronoUnit.MINUTES).toString())
                        .add("hr", 60 + minute % 90)
                        .add("activity", minute)
                        .add("stress", (minute % 100) / 100.0)
                        .add("sleep", minute % 1440 < 480 ? "SLEEP" : "WAKE"));
            }
            String id = "crash-" + UUID.randomUUID();
            batches.add(new Batch(
                    id,
                    Json.createObjectBuilder()
                            .add("batchId", id)
                            .add("deviceId", deviceId)
                            .add("epochs", epochs)
                            .build()
                            .toString()));
        }
        long distinctMinutes = (long) BATCHES * MINUTES_PER_BATCH;
        assertThat(rows(child, from, to))
                .as("rows of the range before the test")
                .isZero();

        Phone phone = new Phone(new Http(SharedServer.get().baseUrl()), deviceToken, batches);
        Thread stream = new Thread(phone, "crash-test-phone");
        int launcherExit;
        int ackedBeforeCrash;
        long crashAt;
        try {
            stream.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (phone.acked.size() < BATCHES / 3 && phone.failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(phone.acked.size())
                    .as("batches acknowledged before the kill (failure: %s)", phone.failure.get())
                    .isGreaterThanOrEqualTo(BATCHES / 3);
            phone.sentBeforeKill.set(phone.sends.get());
            launcherExit = SharedServer.get().killServerHard();
            crashAt = System.nanoTime();
            // Nothing can be acknowledged once the server is dead: this is what the phone had when it died.
            ackedBeforeCrash = phone.acked.size();
            SharedServer.get();
            stream.join(300_000);
        } finally {
            phone.stop = true;
            stream.join(10_000);
            healthyServer();
        }
        long recovery = (System.nanoTime() - crashAt) / 1_000_000;
        assertThat(phone.failure.get()).as("an answer a phone cannot retry").isNull();
        assertThat(stream.isAlive())
                .as("the phone still had batches without acknowledgement")
                .isFalse();
        assertThat(launcherExit)
                .as("the launcher passes its server's death by SIGKILL on (128 + 9)")
                .isEqualTo(137);
        assertThat(ackedBeforeCrash).isLessThan(BATCHES);
        assertThat(phone.acked).hasSize(BATCHES);
        // A batch is stored whole or not at all: an answer counts all of it as new or all of it as a duplicate, and
        // only a batch sent again can be a duplicate (the server had committed it, but its answer was lost).
        assertThat(phone.receipts.values())
                .allSatisfy(r -> assertThat(r)
                        .satisfiesAnyOf(
                                x -> assertThat(x).isEqualTo(List.of(MINUTES_PER_BATCH, 0)),
                                x -> assertThat(x).isEqualTo(List.of(0, MINUTES_PER_BATCH))));
        long committedUnacknowledged =
                phone.receipts.values().stream().filter(r -> r.get(0) == 0).count();
        Set<String> sentTwice = phone.sentTwice();
        assertThat(phone.receipts.entrySet())
                .filteredOn(e -> e.getValue().get(0) == 0)
                .allSatisfy(e -> assertThat(sentTwice).contains(e.getKey()));

        long stored;
        try (Connection db = SharedServer.ownerConnection()) {
            Map<String, Integer> batchRows = new HashMap<>();
            long acceptedTotal = 0;
            try (PreparedStatement q = db.prepareStatement(
                    "SELECT batch_id, count(*), sum(accepted), sum(items) FROM ingest_batch WHERE device_id = ?"
                            + " GROUP BY batch_id")) {
                q.setString(1, deviceId);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        batchRows.put(r.getString(1), r.getInt(2));
                        acceptedTotal += r.getLong(3);
                        assertThat(r.getLong(4))
                                .as("items of %s", r.getString(1))
                                .isEqualTo(MINUTES_PER_BATCH);
                    }
                }
            }
            assertThat(batchRows.keySet()).as("stored batches").containsExactlyInAnyOrderElementsOf(phone.acked);
            assertThat(batchRows.values())
                    .as("each acknowledged batch stored once")
                    .containsOnly(1);
            assertThat(acceptedTotal)
                    .as("the minutes the batches' first, committed tries accepted")
                    .isEqualTo(distinctMinutes);

            stored = rows(child, from, to);
            assertThat(stored).as("rows stored for the minutes sent").isEqualTo(distinctMinutes);
            try (PreparedStatement q = db.prepareStatement("SELECT t, count(*) FROM epoch WHERE child_id = ?"
                    + " AND t >= ? AND t < ? GROUP BY t HAVING count(*) > 1")) {
                q.setString(1, child);
                q.setTimestamp(2, Timestamp.from(from));
                q.setTimestamp(3, Timestamp.from(to));
                try (ResultSet r = q.executeQuery()) {
                    assertThat(r.next()).as("a minute stored twice").isFalse();
                }
            }
            // What was stored is what was sent: the activity of each minute is its index, from this device.
            try (PreparedStatement q =
                    db.prepareStatement("SELECT sum(activity), count(DISTINCT device_id), min(device_id) FROM epoch"
                            + " WHERE child_id = ? AND t >= ? AND t < ?")) {
                q.setString(1, child);
                q.setTimestamp(2, Timestamp.from(from));
                q.setTimestamp(3, Timestamp.from(to));
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    assertThat(r.getLong(1)).isEqualTo(distinctMinutes * (distinctMinutes - 1) / 2);
                    assertThat(r.getInt(2)).isEqualTo(1);
                    assertThat(r.getString(3)).isEqualTo(deviceId);
                }
            }
        }

        String summary = String.join(
                "\n",
                "IngestCrashIT: SIGKILL to Payara Micro mid-stream, restart, resend of everything unacknowledged",
                "batches sent:                      " + BATCHES + " x " + MINUTES_PER_BATCH + " minutes = "
                        + distinctMinutes + " distinct minutes",
                "acknowledged before the crash:     " + ackedBeforeCrash,
                "requests sent before the kill:     " + phone.sentBeforeKill.get(),
                "batches resent (sent 2+ times):    " + sentTwice.size(),
                "requests in all:                   " + phone.sends.get(),
                "committed, acknowledged on resend: " + committedUnacknowledged
                        + " (answered as duplicates: stored before the crash, answer lost)",
                "answers while down/restarting:     " + new TreeMap<>(phone.refusals),
                "launcher exit code after the kill: " + launcherExit,
                "kill to last acknowledgement:      " + recovery + " ms (includes the server restart)",
                "batches stored (ingest_batch):     " + BATCHES + ", each once",
                "epoch rows stored:                 " + stored + " (= distinct minutes sent; 0 minutes twice)",
                "");
        System.out.println(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "crash-summary.txt"), summary, StandardCharsets.UTF_8);
    }

    /**
     * The phone: sends every batch once, in order, over one keep-alive connection; then sends each batch it has no
     * acknowledgement for again, with a growing pause (honouring {@code Retry-After}), until every batch is
     * acknowledged. A connection error and a 5xx are worth retrying (docs/INGEST.md), and so is the 404 or the empty
     * 500 of a server that listens while it is still deploying; any other answer is a failure.
     */
    static final class Phone implements Runnable {
        final Http http;
        final String token;
        final List<Batch> batches;
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        /** Per acknowledged batch: accepted, duplicates. */
        final Map<String, List<Integer>> receipts = new ConcurrentHashMap<>();

        final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        final Map<String, Integer> refusals = new ConcurrentHashMap<>();
        final AtomicInteger sends = new AtomicInteger();
        final AtomicInteger sentBeforeKill = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();
        volatile boolean stop;

        Phone(Http http, String token, List<Batch> batches) {
            this.http = http;
            this.token = token;
            this.batches = batches;
        }

        Set<String> sentTwice() {
            Set<String> ids = ConcurrentHashMap.newKeySet();
            tries.forEach((id, n) -> {
                if (n.get() > 1) {
                    ids.add(id);
                }
            });
            return ids;
        }

        @Override
        public void run() {
            long pause = 100;
            while (!stop && failure.get() == null && acked.size() < batches.size()) {
                long wait = 0;
                for (Batch b : batches) {
                    if (stop || failure.get() != null) {
                        return;
                    }
                    if (acked.contains(b.id())) {
                        continue;
                    }
                    wait = Math.max(wait, send(b));
                }
                if (acked.size() < batches.size()) {
                    LaunchedServer.sleep(Math.max(pause, wait));
                    pause = Math.min(2_000, pause * 2);
                }
            }
        }

        /** Sends a batch once; returns how long to wait before the next round (0 if acknowledged). */
        private long send(Batch b) {
            tries.computeIfAbsent(b.id(), k -> new AtomicInteger()).incrementAndGet();
            sends.incrementAndGet();
            Http.Reply r;
            try {
                r = http.post("/api/v1/ingest/batches", b.body(), token);
            } catch (IOException e) {
                refusals.merge("connection error", 1, Integer::sum);
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
                return 0;
            }
            if (r.status() == 200) {
                JsonObject receipt = r.object();
                receipts.put(b.id(), List.of(receipt.getInt("accepted"), receipt.getInt("duplicates")));
                acked.add(b.id());
                return 0;
            }
            refusals.merge(String.valueOf(r.status()), 1, Integer::sum);
            if (r.status() >= 500 || r.status() == 404) {
                return 1_000L
                        * r.headers()
                                .firstValue("Retry-After")
                                .map(Long::parseLong)
                                .orElse(0L);
            }
            failure.compareAndSet(null, r.status() + " " + r.body());
            return 0;
        }
    }

    static String childWithCollectionConsent(Http http, String parent) throws Exception {
        for (JsonObject c :
                http.get("/api/v1/children", parent).json().asJsonArray().getValuesAs(JsonObject.class)) {
            String id = c.getString("childId");
            boolean collects = http.get("/api/v1/children/" + id + "/consents", parent).json().asJsonArray().stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(x -> x.getString("scope").equals("collection") && x.getBoolean("active"));
            if (collects) {
                return id;
            }
        }
        throw new IllegalStateException("no child of the demo parent with collection consent");
    }

    static long rows(String child, Instant from, Instant to) throws Exception {
        try (Connection db = SharedServer.ownerConnection();
                PreparedStatement q =
                        db.prepareStatement("SELECT count(*) FROM epoch WHERE child_id = ? AND t >= ? AND t < ?")) {
            q.setString(1, child);
            q.setTimestamp(2, Timestamp.from(from));
            q.setTimestamp(3, Timestamp.from(to));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The tests after this one need the shared server up and ready, whatever happened here. */
    static void healthyServer() throws Exception {
        LaunchedServer server = SharedServer.get();
        int status;
        try {
            status = new Http(server.baseUrl()).get("/health/ready", null).status();
        } catch (IOException e) {
            status = -1;
        }
        if (status != 200) {
            SharedServer.restart();
        }
    }
}
