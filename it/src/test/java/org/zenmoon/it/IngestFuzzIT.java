package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue #12's fuzz test: well over a thousand malformed uploads, made from one valid batch by a seeded random
 * generator (so a failure can be replayed), each sent with a valid device token. Every one must get a 4xx problem
 * document whose {@code status} is the HTTP status (never a 5xx), a 400 must name the bad field with its index, and
 * none may store a row. The valid batch they came from is accepted at the end, so each refusal was the mutation's
 * doing.
 */
class IngestFuzzIT {

    static final long SEED = 20_261_202L;
    static final int RANDOM_CASES = 1_100;
    static final String PATH = "/api/v1/ingest/batches";

    /** A value written as it stands, for what JSON libraries do not write: NaN, a key twice, broken bytes. */
    record Raw(String text) {}

    /**
     * A payload and the answer it must get.
     *
     * @param field the field the problem's {@code errors} must name, or null where it is not checked
     * @param chunked sent without a length, so that the server counts the body as it reads it
     */
    record Case(String name, byte[] body, String contentType, int status, String field, boolean chunked) {
        Case(String name, String json, int status, String field) {
            this(name, bytes(json), "application/json", status, field, false);
        }
    }

    /** A key that starts with this is written as it stands (a second {@code "hr"} in the same object). */
    static final String VERBATIM_KEY = "\0";

    /** Where a broken UTF-8 sequence goes in the bytes of a payload. */
    static final String BROKEN = "@@BROKEN@@";

    static final byte[][] INVALID_UTF8 = {
        {(byte) 0xFF},
        {(byte) 0xC3, (byte) 0x28},
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0x80},
        {(byte) 0xFE, (byte) 0xFF}
    };

    static final List<String> MEASURES =
            List.of("hr", "rmssd", "eda", "activity", "stress", "quality", "scr", "anomaly", "seq");
    static final List<String> WHOLE_MEASURES = List.of("activity", "scr", "seq");

    Instant base;
    String deviceId;
    String otherDeviceId;
    Random rng = new Random(SEED);

    @Test
    void malformedUploadsGetProblemDocumentsAndStoreNothing() throws Exception {
        Http http = new Http(SharedServer.get().baseUrl());
        String parent = http.token("parent");
        List<String> children =
                http.get("/api/v1/children", parent).json().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .map(c -> c.getString("childId"))
                        .sorted()
                        .toList();
        assertThat(children).as("the demo parent's children").hasSizeGreaterThanOrEqualTo(2);
        String child = IngestCrashIT.childWithCollectionConsent(http, parent);
        String otherChild =
                children.stream().filter(c -> !c.equals(child)).findFirst().orElseThrow();
        Http.Reply paired = pair(http, child, "Fuzz band", parent);
        deviceId = paired.object().getString("deviceId");
        String token = paired.object().getString("deviceToken");
        otherDeviceId =
                pair(http, otherChild, "Sibling's band", parent).object().getString("deviceId");
        // Minutes 390 days back: within the 400 days accepted, and a range no other test uses.
        base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(390, ChronoUnit.DAYS);

        List<Case> cases = new ArrayList<>(explicitCases());
        List<Mutation> mutations = mutations();
        for (int i = 0; i < RANDOM_CASES; i++) {
            Map<String, Object> batch = validBatch();
            cases.add(mutations.get(rng.nextInt(mutations.size())).apply(batch, i));
        }

        long[] before = stored(child);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        long started = System.nanoTime();
        // Four at a time, under the server's limit of uploads in flight (8), so that none gets a 503: the server
        // closes the connection after a 400, so each answer costs a new connection.
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (Case c : cases) {
                replies.add(senders.submit(() -> send(http, c, token)));
            }
            for (int i = 0; i < cases.size(); i++) {
                Http.Reply r = replies.get(i).get();
                statuses.merge(r.status(), 1, Integer::sum);
                String problem = check(cases.get(i), r);
                if (problem != null) {
                    wrong.add(cases.get(i).name() + ": " + problem);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        // The batch length limit says what the limit is.
        Case tooLong = cases.stream()
                .filter(c -> c.name().equals("10,000 epochs"))
                .findFirst()
                .orElseThrow();
        Http.Reply limit = send(http, tooLong, token);
        assertThat(limit.object().getJsonArray("errors").getJsonObject(0).getString("message"))
                .contains("at most 4320 epochs");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long[] after = stored(child);
        long fiveHundreds = statuses.entrySet().stream()
                .filter(e -> e.getKey() >= 500)
                .mapToLong(Map.Entry::getValue)
                .sum();
        long rowsStored = 0;
        for (int i = 0; i < before.length; i++) {
            rowsStored += after[i] - before[i];
        }

        String summary = String.join(
                "\n",
                "IngestFuzzIT: malformed uploads to " + PATH + " with a valid device token, seed " + SEED,
                cases.size() + " payloads (" + (cases.size() - RANDOM_CASES) + " written out, " + RANDOM_CASES
                        + " generated), statuses: " + statuses + ", " + fiveHundreds + " x 5xx, " + rowsStored
                        + " rows stored",
                "rows before/after: epoch " + before[0] + "/" + after[0] + ", ingest_batch " + before[1] + "/"
                        + after[1] + ", child_event " + before[2] + "/" + after[2] + ", sleep_episode " + before[3]
                        + "/" + after[3],
                "answers not as expected: " + wrong.size(),
                "time: " + seconds + " s",
                "");
        System.out.println(summary);
        wrong.stream().limit(50).forEach(System.out::println);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-summary.txt"), summary, StandardCharsets.UTF_8);

        assertThat(cases).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(fiveHundreds).as("5xx answers").isZero();
        assertThat(wrong).as("answers not as expected").isEmpty();
        assertThat(after)
                .as("epoch, ingest_batch, child_event, sleep_episode rows")
                .containsExactly(before);

        // The batch every payload was made from is fine: the refusals were the mutations' doing.
        Http.Reply valid = http.post(PATH, json(validBatch()), token);
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);
        assertThat(valid.object().getInt("accepted")).isEqualTo(7);
    }

    /** What is wrong with the answer to a case, or null. */
    static String check(Case c, Http.Reply r) {
        if (r.status() != c.status()) {
            return "status " + r.status() + " instead of " + c.status() + ": " + clip(r.body());
        }
        if (!r.contentType().startsWith("application/problem+json")) {
            return "content type " + r.contentType();
        }
        JsonObject problem;
        try {
            problem = r.object();
        } catch (RuntimeException e) {
            return "not a JSON object: " + clip(r.body());
        }
        if (!problem.containsKey("status") || problem.getInt("status") != r.status()) {
            return "problem status " + problem.get("status") + " for HTTP " + r.status();
        }
        if (c.field() != null) {
            List<String> fields = problem.containsKey("errors")
                    ? problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                            .map(e -> e.getString("field"))
                            .toList()
                    : List.of();
            if (!fields.contains(c.field())) {
                return "errors name " + fields + ", not " + c.field() + ": " + clip(r.body());
            }
        }
        return null;
    }

    static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static Http.Reply send(Http http, Case c, String token) throws Exception {
        HttpRequest.Builder b = http.request(PATH).header("Authorization", "Bearer " + token);
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        b.POST(
                c.chunked()
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        return http.send(b.build());
    }

    static Http.Reply pair(Http http, String childId, String label, String token) throws Exception {
        Http.Reply r = Devices.pair(http, childId, label, token);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** The child's epochs, the device's batches, the child's events and sleep episodes. */
    long[] stored(String child) throws Exception {
        String[] queries = {
            "SELECT count(*) FROM epoch WHERE child_id = ?",
            "SELECT count(*) FROM ingest_batch WHERE device_id = ?",
            "SELECT count(*) FROM child_event WHERE child_id = ?",
            "SELECT count(*) FROM sleep_episode WHERE child_id = ?"
        };
        long[] counts = new long[queries.length];
        try (Connection db = SharedServer.ownerConnection()) {
            for (int i = 0; i < queries.length; i++) {
                try (PreparedStatement q = db.prepareStatement(queries[i])) {
                    q.setString(1, i == 1 ? deviceId : child);
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        counts[i] = r.getLong(1);
                    }
                }
            }
        }
        return counts;
    }

    // ---- the valid batch and the payloads made from it ----

    /** Five minutes with every measure, an event and a night: 7 items. */
    Map<String, Object> validBatch() {
        List<Object> epochs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("t", base.plus(i, ChronoUnit.MINUTES).toString());
            e.put("hr", 80.5);
            e.put("rmssd", 41.0);
            e.put("eda", 3.2);
            e.put("activity", 120);
            e.put("stress", 0.61);
            e.put("sleep", "WAKE");
            e.put("quality", 0.9);
            e.put("scr", 3);
            e.put("wear", true);
            e.put("anomaly", 0.1);
            e.put("seq", 1000 + i);
            epochs.add(e);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "math_test");
        event.put("start", base.plus(1, ChronoUnit.MINUTES).toString());
        event.put("end", base.plus(46, ChronoUnit.MINUTES).toString());
        event.put("source", "school");
        Map<String, Object> night = new LinkedHashMap<>();
        night.put("onset", base.toString());
        night.put("wake", base.plus(8, ChronoUnit.HOURS).toString());
        night.put("source", "device");
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("batchId", "fuzz-" + new UUID(rng.nextLong(), rng.nextLong()));
        batch.put("deviceId", deviceId);
        batch.put("sentAt", Instant.now().toString());
        batch.put("epochs", epochs);
        batch.put("events", new ArrayList<>(List.of(event)));
        batch.put("sleepEpisodes", new ArrayList<>(List.of(night)));
        return batch;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> batch, String list, int index) {
        return (Map<String, Object>) ((List<Object>) batch.get(list)).get(index);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> batch, String list) {
        return (List<Object>) batch.get(list);
    }

    interface Mutation {
        Case apply(Map<String, Object> batch, int n);
    }

    <T> T pick(List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    Case bad(String name, Map<String, Object> batch, String field) {
        return new Case(name, json(batch), 400, field);
    }

    /** The kinds of damage, each one defect in an otherwise valid batch. */
    List<Mutation> mutations() {
        List<Object> notNumbers = List.of("abc", "80.5", "", true, false, Map.of(), List.of(), List.of(80));
        List<Object> notStrings = List.of(123, 1.5, true, false, Map.of(), List.of(), List.of("WAKE"));
        List<Mutation> m = new ArrayList<>();
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            String f = pick(MEASURES);
            Object v = pick(notNumbers);
            object(b, "epochs", k).put(f, v);
            return bad("wrong type: epochs[" + k + "]." + f + " = " + json(v), b, "epochs[" + k + "]." + f);
        });
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            String f = pick(WHOLE_MEASURES);
            object(b, "epochs", k).put(f, 1 + rng.nextInt(100) + 0.5);
            return bad("fraction: epochs[" + k + "]." + f, b, "epochs[" + k + "]." + f);
        });
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            String f = pick(List.of("t", "sleep"));
            Object v = pick(notStrings);
            object(b, "epochs", k).put(f, v);
            return bad("wrong type: epochs[" + k + "]." + f + " = " + json(v), b, "epochs[" + k + "]." + f);
        });
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            Object v = pick(List.of("true", 1, 0, "yes", Map.of(), List.of(true)));
            object(b, "epochs", k).put("wear", v);
            return bad("wrong type: epochs[" + k + "].wear = " + json(v), b, "epochs[" + k + "].wear");
        });
        m.add((b, n) -> {
            String f = pick(List.of("batchId", "deviceId", "sentAt"));
            Object v = pick(List.of(123, true, List.of("x"), Map.of("id", "x")));
            b.put(f, v);
            return bad("wrong type: " + f + " = " + json(v), b, f);
        });
        m.add((b, n) -> {
            String f = pick(List.of("epochs", "events", "sleepEpisodes"));
            Object v = pick(List.of(Map.of(), "x", 5, true, Map.of("t", base.toString())));
            b.put(f, v);
            return bad("wrong type: " + f + " = " + json(v), b, f);
        });
        m.add((b, n) -> {
            String f = pick(List.of("epochs", "events", "sleepEpisodes"));
            int k = f.equals("epochs") ? rng.nextInt(5) : 0;
            Object v = pick(List.of("x", 5, List.of(), true));
            list(b, f).set(k, v);
            return bad("not an object: " + f + "[" + k + "] = " + json(v), b, f + "[" + k + "]");
        });
        m.add((b, n) -> {
            boolean event = rng.nextBoolean();
            String list = event ? "events" : "sleepEpisodes";
            String f =
                    event ? pick(List.of("type", "start", "end", "source")) : pick(List.of("onset", "wake", "source"));
            Object v = pick(List.of(5, true, Map.of(), List.of("x")));
            object(b, list, 0).put(f, v);
            return bad("wrong type: " + list + "[0]." + f + " = " + json(v), b, list + "[0]." + f);
        });
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            Object[][] ranges = {
                {"hr", 10, 300, -1, 24.9, 250.5, 1e6, new Raw("1e309")},
                {"rmssd", -1, 1000.5},
                {"eda", -0.1, 100.5},
                {"activity", -5, 65536, 10_000_000_000L},
                {"stress", 1.5, -0.01},
                {"quality", 2, -1},
                {"scr", 255, -1},
                {"anomaly", 1.1, -0.5},
                {"seq", -1, new Raw("1e30")}
            };
            Object[] range = ranges[rng.nextInt(ranges.length)];
            Object v = range[1 + rng.nextInt(range.length - 1)];
            object(b, "epochs", k).put((String) range[0], v);
            return bad(
                    "out of range: epochs[" + k + "]." + range[0] + " = " + json(v),
                    b,
                    "epochs[" + k + "]." + range[0]);
        });
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            String v = pick(List.of("DOZE", "wake", "", "REM", "SLEEP ", "WÄKE"));
            object(b, "epochs", k).put("sleep", v);
            return bad("bad sleep state: epochs[" + k + "].sleep = " + v, b, "epochs[" + k + "].sleep");
        });
        m.add((b, n) -> {
            String[][] choices = {
                {"sleepEpisodes", "source", "dream"},
                {"sleepEpisodes", "source", "DEVICE"},
                {"events", "source", "School!"},
                {"events", "source", ""},
                {"events", "type", "Math Test!"},
                {"events", "type", ""},
                {"events", "type", "x".repeat(65)}
            };
            String[] c = choices[rng.nextInt(choices.length)];
            object(b, c[0], 0).put(c[1], c[2]);
            return bad("bad label: " + c[0] + "[0]." + c[1] + " = " + c[2], b, c[0] + "[0]." + c[1]);
        });
        m.add((b, n) -> {
            int which = rng.nextInt(4);
            if (which == 0) {
                b.remove("batchId");
                return bad("missing batchId", b, "batchId");
            }
            if (which == 1) {
                int k = rng.nextInt(5);
                object(b, "epochs", k).remove("t");
                return bad("missing epochs[" + k + "].t", b, "epochs[" + k + "].t");
            }
            if (which == 2) {
                String f = pick(List.of("type", "start", "end"));
                object(b, "events", 0).remove(f);
                return bad("missing events[0]." + f, b, "events[0]." + f);
            }
            String f = pick(List.of("onset", "wake"));
            object(b, "sleepEpisodes", 0).remove(f);
            return bad("missing sleepEpisodes[0]." + f, b, "sleepEpisodes[0]." + f);
        });
        m.add((b, n) -> {
            int which = rng.nextInt(6);
            int k = rng.nextInt(5);
            String field;
            switch (which) {
                case 0 -> {
                    b.put("batchId", null);
                    field = "batchId";
                }
                case 1 -> {
                    list(b, "epochs").set(k, null);
                    field = "epochs[" + k + "]";
                }
                case 2 -> {
                    object(b, "epochs", k).put("t", null);
                    field = "epochs[" + k + "].t";
                }
                case 3 -> {
                    list(b, "events").set(0, null);
                    field = "events[0]";
                }
                case 4 -> {
                    list(b, "sleepEpisodes").set(0, null);
                    field = "sleepEpisodes[0]";
                }
                default -> {
                    object(b, "events", 0).put("start", null);
                    field = "events[0].start";
                }
            }
            return bad("null: " + field, b, field);
        });
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            String v = pick(List.of(
                    "9999-12-31T23:59:00Z",
                    "1970-01-01T00:00:00Z",
                    base.plus(k, ChronoUnit.MINUTES).plusSeconds(30).toString(),
                    base.plus(k, ChronoUnit.MINUTES).plusMillis(500).toString(),
                    "2026-03-02 08:15:00",
                    "yesterday",
                    "1700000000",
                    "2026-13-01T00:00:00Z",
                    "2026-03-02T08:15:00",
                    now.plus(1, ChronoUnit.DAYS).toString(),
                    now.plus(10, ChronoUnit.MINUTES).toString(),
                    now.minus(401, ChronoUnit.DAYS).toString(),
                    "+10000-01-01T00:00:00Z",
                    "",
                    "2026-03-02T08:15:00Z".repeat(3)));
            object(b, "epochs", k).put("t", v);
            return bad("timestamp: epochs[" + k + "].t = " + v, b, "epochs[" + k + "].t");
        });
        m.add((b, n) -> {
            int which = rng.nextInt(8);
            String field;
            switch (which) {
                case 0 -> {
                    object(b, "sleepEpisodes", 0).put("onset", "9999-01-01T00:00:00Z");
                    field = "sleepEpisodes[0].onset";
                }
                case 1 -> {
                    object(b, "sleepEpisodes", 0).put("onset", "1970-01-01T00:00:00Z");
                    field = "sleepEpisodes[0].onset";
                }
                case 2 -> {
                    object(b, "sleepEpisodes", 0)
                            .put("wake", base.minus(1, ChronoUnit.HOURS).toString());
                    field = "sleepEpisodes[0].wake";
                }
                case 3 -> {
                    object(b, "sleepEpisodes", 0)
                            .put("wake", base.plus(2, ChronoUnit.DAYS).toString());
                    field = "sleepEpisodes[0].wake";
                }
                case 4 -> {
                    object(b, "events", 0).put("start", "1970-01-01T00:00:00Z");
                    field = "events[0].start";
                }
                case 5 -> {
                    object(b, "events", 0).put("end", base.toString());
                    field = "events[0].end";
                }
                case 6 -> {
                    object(b, "events", 0).put("start", "next Tuesday");
                    field = "events[0].start";
                }
                default -> {
                    b.put("sentAt", pick(List.of("yesterday", "2026-03-02", "")));
                    field = "sentAt";
                }
            }
            return bad("period: " + field, b, field);
        });
        m.add((b, n) -> {
            int which = rng.nextInt(6);
            int k = rng.nextInt(5);
            String field;
            switch (which) {
                case 0 -> {
                    b.put(VERBATIM_KEY + "\"batchId\"", "fuzz-" + UUID.randomUUID());
                    field = "batchId";
                }
                case 1 -> {
                    b.put(VERBATIM_KEY + "\"deviceId\"", deviceId);
                    field = "deviceId";
                }
                case 2 -> {
                    object(b, "epochs", k).put(VERBATIM_KEY + "\"hr\"", pick(List.of(80.5, 90.0)));
                    field = "epochs[" + k + "].hr";
                }
                case 3 -> {
                    object(b, "epochs", k)
                            .put(
                                    VERBATIM_KEY + "\"t\"",
                                    base.plus(9, ChronoUnit.MINUTES).toString());
                    field = "epochs[" + k + "].t";
                }
                case 4 -> {
                    object(b, "events", 0).put(VERBATIM_KEY + "\"type\"", "quiz");
                    field = "events[0].type";
                }
                default -> {
                    b.put(VERBATIM_KEY + "\"epochs\"", List.of());
                    field = "epochs";
                }
            }
            return bad("duplicate key: " + field, b, field);
        });
        m.add((b, n) -> {
            int k = rng.nextInt(5);
            String literal = pick(List.of("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1e", "--1"));
            object(b, "epochs", k).put(pick(MEASURES), new Raw(literal));
            return bad("number literal " + literal, b, "body");
        });
        m.add((b, n) -> {
            int where = rng.nextInt(6);
            switch (where) {
                case 0 -> b.put("batchId", new Raw("\"fuzz-" + BROKEN + "\""));
                case 1 -> object(b, "epochs", rng.nextInt(5)).put("sleep", new Raw("\"WA" + BROKEN + "KE\""));
                case 2 -> b.put("note", new Raw("\"" + BROKEN + "\""));
                case 3 -> b.put(VERBATIM_KEY + "\"k" + BROKEN + "\"", 1);
                case 4 -> object(b, "events", 0).put("type", new Raw("\"math" + BROKEN + "\""));
                default -> object(b, "sleepEpisodes", 0).put("source", new Raw("\"device" + BROKEN + "\""));
            }
            byte[] broken = INVALID_UTF8[rng.nextInt(INVALID_UTF8.length)];
            return new Case(
                    "invalid UTF-8 at " + where, withBroken(json(b), broken), "application/json", 400, "body", false);
        });
        m.add((b, n) -> {
            int depth = pick(List.of(17, 100, 1_000, 5_000));
            boolean arrays = rng.nextBoolean();
            String open = arrays ? "[" : "{\"a\":";
            String close = arrays ? "]" : "}";
            String nested = open.repeat(depth) + (arrays ? "" : "1") + close.repeat(depth);
            int where = rng.nextInt(4);
            switch (where) {
                case 0 -> {
                    return new Case("nested " + depth + " at the top", nested, 400, null);
                }
                case 1 -> b.put("extra", new Raw(nested));
                case 2 -> object(b, "epochs", rng.nextInt(5)).put("hr", new Raw(nested));
                default -> list(b, "epochs").set(rng.nextInt(5), new Raw(nested));
            }
            return bad("nested " + depth + " at " + where, b, null);
        });
        m.add((b, n) -> {
            String text = json(b);
            int which = rng.nextInt(9);
            String broken = switch (which) {
                case 0 -> text.substring(0, rng.nextInt(text.length()));
                case 1 -> text + "x";
                case 2 -> text + "{}";
                case 3 -> text + ",";
                case 4 -> text.replace('"', '\'');
                case 5 -> text.replaceFirst("}]", "},]");
                case 6 -> "/* a comment */" + text;
                case 7 -> "\uFEFF" + text;
                default -> text.replaceFirst(":", "");
            };
            return new Case("syntax " + which, broken, 400, "body");
        });
        m.add((b, n) -> {
            String v = pick(List.of("", " x", "a/b", "x".repeat(65), "ünï", "a\nb", "../etc", "-starts-with-dash"));
            b.put("batchId", v);
            return bad("batchId " + json(v), b, "batchId");
        });
        m.add((b, n) -> {
            int which = rng.nextInt(4);
            if (which == 0) {
                b.put("deviceId", otherDeviceId);
                return new Case("another child's device", json(b), 403, null);
            }
            if (which == 1) {
                b.put("deviceId", UUID.randomUUID().toString());
                return new Case("an unknown device", json(b), 403, null);
            }
            b.put("deviceId", which == 2 ? "x".repeat(37) : "dev\u0007");
            return bad("deviceId", b, "deviceId");
        });
        m.add((b, n) -> {
            String f = pick(List.of("events", "sleepEpisodes", "epochs"));
            List<Object> items = new ArrayList<>();
            int count = f.equals("epochs") ? 4_321 : 101;
            for (int i = 0; i < count; i++) {
                Map<String, Object> item = new LinkedHashMap<>();
                Instant t = base.plus(i, ChronoUnit.MINUTES);
                switch (f) {
                    case "events" -> {
                        item.put("type", "quiz");
                        item.put("start", t.toString());
                        item.put("end", t.plus(1, ChronoUnit.HOURS).toString());
                    }
                    case "sleepEpisodes" -> {
                        item.put("onset", t.toString());
                        item.put("wake", t.plus(8, ChronoUnit.HOURS).toString());
                    }
                    default -> item.put("t", t.toString());
                }
                items.add(item);
            }
            b.put(f, items);
            return bad("too many: " + count + " " + f, b, f);
        });
        m.add((b, n) -> {
            String type = pick(List.of(
                    "text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json", "image/png"));
            return new Case("content type " + type, bytes(json(b)), type, 415, null, false);
        });
        m.add((b, n) -> {
            String body = pick(List.of("", "   ", "null", "[]", "\"batch\"", "42", "true", "[" + json(b) + "]"));
            return new Case("body " + body.length() + " chars: " + clip(body), body, 400, "body");
        });
        return m;
    }

    /** The cases the issue names, each once, with the field its answer must name. */
    List<Case> explicitCases() {
        List<Case> cases = new ArrayList<>();
        Object[][] ranges = {
            {"hr", 3, 10},
            {"hr", 3, 300},
            {"hr", 0, -1},
            {"stress", 1, 1.5},
            {"eda", 2, -0.1},
            {"quality", 4, 2},
            {"sleep", 2, "DOZE"},
            {"activity", 3, -5},
            {"hr", 3, "80.5"},
            {"wear", 1, "true"},
            {"activity", 2, 120.7}
        };
        for (Object[] r : ranges) {
            Map<String, Object> b = validBatch();
            object(b, "epochs", (Integer) r[1]).put((String) r[0], r[2]);
            String field = "epochs[" + r[1] + "]." + r[0];
            cases.add(bad(field + " = " + json(r[2]), b, field));
        }
        Map<String, Object> b = validBatch();
        b.put("epochs", Map.of("t", base.toString()));
        cases.add(bad("epochs as an object", b, "epochs"));
        b = validBatch();
        b.put("batchId", List.of("a"));
        cases.add(bad("batchId as an array", b, "batchId"));
        b = validBatch();
        b.remove("batchId");
        cases.add(bad("no batchId", b, "batchId"));
        b = validBatch();
        object(b, "epochs", 2).remove("t");
        cases.add(bad("epoch without t", b, "epochs[2].t"));
        b = validBatch();
        list(b, "epochs").set(4, null);
        cases.add(bad("null epoch", b, "epochs[4]"));
        b = validBatch();
        object(b, "epochs", 0).put(VERBATIM_KEY + "\"hr\"", 90.5);
        cases.add(bad("duplicate key hr", b, "epochs[0].hr"));
        b = validBatch();
        b.put(VERBATIM_KEY + "\"batchId\"", "fuzz-second-id");
        cases.add(bad("duplicate key batchId", b, "batchId"));
        b = validBatch();
        object(b, "epochs", 1).put("hr", new Raw("NaN"));
        cases.add(bad("NaN", b, "body"));
        b = validBatch();
        object(b, "epochs", 1).put("stress", new Raw("Infinity"));
        cases.add(bad("Infinity", b, "body"));
        for (String t : List.of(
                "9999-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z",
                base.plusSeconds(17).toString(),
                "02/03/2026 08:15")) {
            b = validBatch();
            object(b, "epochs", 0).put("t", t);
            cases.add(bad("t = " + t, b, "epochs[0].t"));
        }

        // 10,000 minutes, each only its time, well under the body limit: the batch length limit answers.
        b = validBatch();
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(Map.of("t", base.plus(i, ChronoUnit.MINUTES).toString()));
        }
        b.put("epochs", many);
        cases.add(bad("10,000 epochs", b, "epochs"));
        // Over 1 MiB: 413, by the declared length and, sent in chunks, by counting.
        b = validBatch();
        b.put("padding", "x".repeat(1_100_000));
        cases.add(new Case("body over 1 MiB", bytes(json(b)), "application/json", 413, null, false));
        cases.add(new Case("chunked body over 1 MiB", bytes(json(b)), "application/json", 413, null, true));
        cases.add(new Case("5,000 nested arrays", "[".repeat(5_000) + "]".repeat(5_000), 400, null));
        b = validBatch();
        b.put("batchId", new Raw("\"fuzz-" + BROKEN + "\""));
        cases.add(new Case(
                "invalid UTF-8", withBroken(json(b), INVALID_UTF8[1]), "application/json", 400, "body", false));
        b = validBatch();
        b.put("deviceId", otherDeviceId);
        cases.add(new Case("the device id of another child's device", json(b), 403, null));
        cases.add(new Case("text/plain", bytes(json(validBatch())), "text/plain", 415, null, false));
        cases.add(new Case("empty body", "", 400, "body"));
        cases.add(new Case("JSON null", "null", 400, "body"));
        return cases;
    }

    // ---- writing JSON by hand, so that it can be wrong ----

    static String json(Object v) {
        StringBuilder out = new StringBuilder();
        write(out, v);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static void write(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Raw raw) {
            out.append(raw.text());
        } else if (v instanceof String s) {
            out.append(quote(s));
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                String key = e.getKey();
                out.append(key.startsWith(VERBATIM_KEY) ? key.substring(1) : quote(key))
                        .append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(v.getClass().getName());
        }
    }

    static String quote(String s) {
        return Json.createValue(s).toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The payload's bytes with the marker replaced by a broken UTF-8 sequence. */
    static byte[] withBroken(String json, byte[] broken) {
        int at = json.indexOf(BROKEN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(json.substring(0, at)));
        out.writeBytes(broken);
        out.writeBytes(bytes(json.substring(at + BROKEN.length())));
        return out.toByteArray();
    }
}
