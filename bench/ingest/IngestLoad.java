import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Ingestion throughput (issue #12, item 9): a synthetic cohort replayed at full speed over REST (and MQTT, when the
 * server runs its bridge), against the same rows {@code COPY}ed straight into {@code epoch} as the schema's owner,
 * and the server's own bulk-insert SQL over one owner connection, to show where the gap lies. A benchmark, not a
 * test: it prints figures, and checks only that every row it sent was stored.
 *
 * <p>It pairs one device per child with collection consent (over the API, as a staff account), and uploads days
 * that the demo data does not cover: the days just before the demo's first, which the owner connection empties of
 * the bench's children before every run, so that runs repeat. Those days get their month partitions first, as a
 * deployment makes them ahead of need. The {@code COPY} and bulk-insert baselines write the same rows for child ids
 * of their own and delete them afterwards.
 *
 * <p>Usage (see bench/ingest.sh): {@code IngestLoad BASE_URL ZENMOON_HOME [key=value ...]}; keys: {@code paths}
 * (rest,copy,bulk,mqtt; default rest,copy,bulk), {@code clients} (1,2,4,8), {@code batch} (60,1440), {@code devices}
 * (16), {@code days} (per device, 30), {@code repeat} (3), {@code user} (school.admin), {@code password} (demo),
 * {@code db} (jdbc:postgresql://localhost:54329/zenmoon), {@code mqtt} (the broker the server's bridge reads, e.g.
 * tcp://localhost:1883).
 */
public final class IngestLoad {

    static final Pattern CHILD_ID = Pattern.compile("\"childId\"\\s*:\\s*\"([^\"]+)\"");

    final Map<String, String> opt;
    final String base;
    final HttpClient setupHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final Connection owner;
    String adminToken;
    String tenantId;
    List<String> children = new ArrayList<>();
    List<String> deviceIds = new ArrayList<>();
    List<String> deviceTokens = new ArrayList<>();
    Instant windowStart;
    int days;

    IngestLoad(String base, Path home, Map<String, String> opt) throws Exception {
        this.base = base.replaceAll("/+$", "");
        this.opt = opt;
        String password = Files.readString(home.resolve("db-owner-password")).trim();
        owner = DriverManager.getConnection(opt.getOrDefault("db", "jdbc:postgresql://localhost:54329/zenmoon"),
                opt.getOrDefault("dbuser", "postgres"), password);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: IngestLoad BASE_URL ZENMOON_HOME [paths=rest,copy,bulk,mqtt] [clients=1,2,4,8]"
                    + " [batch=60,1440] [devices=16] [days=30] [repeat=3] [user=school.admin] [password=demo]"
                    + " [db=jdbc:postgresql://localhost:54329/zenmoon] [mqtt=tcp://localhost:1883]");
            System.exit(2);
        }
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, not " + args[i]);
            }
            opt.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        IngestLoad bench = new IngestLoad(args[0], Path.of(args[1]), opt);
        try {
            bench.run();
        } finally {
            bench.unpair();
            if (bench.windowStart != null) {
                bench.clear(bench.children);
            }
        }
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "cores %d, %s %s; server %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), base);
        List<String> paths = List.of(opt.getOrDefault("paths", "rest,copy,bulk").split(","));
        int[] clients = ints(opt.getOrDefault("clients", "1,2,4,8"));
        int[] batches = ints(opt.getOrDefault("batch", "60,1440"));
        int repeat = Integer.parseInt(opt.getOrDefault("repeat", "3"));
        int n = Integer.parseInt(opt.getOrDefault("devices", "16"));
        days = Integer.parseInt(opt.getOrDefault("days", "30"));
        setUp(n);
        long rows = (long) n * days * 1440;
        System.out.printf(Locale.ROOT, "%d devices x %d days = %,d epochs per run, %s .. %s; %d run(s) each, median%n",
                n, days, rows, windowStart, windowStart.plus(days, ChronoUnit.DAYS), repeat);

        List<String> table = new ArrayList<>();
        double copyRate = Double.NaN;
        if (paths.contains("copy")) {
            double[] r = new double[repeat];
            for (int k = 0; k < repeat; k++) {
                r[k] = copy();
                System.out.printf(Locale.ROOT, "  copy run %d: %,.0f rows/s%n", k + 1, r[k]);
            }
            copyRate = median(r);
            table.add(String.format(Locale.ROOT, "| COPY (owner, 1 connection, 1 transaction) | 1 | all | %,.0f | 1.00 |",
                    copyRate));
        }
        if (paths.contains("bulk")) {
            for (int b : batches) {
                double[] r = new double[repeat];
                for (int k = 0; k < repeat; k++) {
                    r[k] = bulk(b);
                    System.out.printf(Locale.ROOT, "  bulk batch %d run %d: %,.0f rows/s%n", b, k + 1, r[k]);
                }
                double m = median(r);
                table.add(String.format(Locale.ROOT,
                        "| server's bulk-insert SQL (owner, 1 connection, 1 transaction per batch) | 1 | %d | %,.0f | %s |",
                        b, m, ratio(m, copyRate)));
            }
        }
        for (String path : List.of("rest", "mqtt")) {
            if (!paths.contains(path)) {
                continue;
            }
            for (int b : batches) {
                for (int c : clients) {
                    Run[] r = new Run[repeat];
                    for (int k = 0; k < repeat; k++) {
                        r[k] = path.equals("rest") ? rest(c, b) : mqtt(c, b);
                        System.out.printf(Locale.ROOT,
                                "  %s clients %d batch %d run %d: %,.0f epochs/s, %,.1f batches/s, p50 %.1f ms, p95 %.1f ms,"
                                        + " %d x 503%n",
                                path, c, b, k + 1, r[k].epochsPerSecond, r[k].batchesPerSecond, r[k].p50, r[k].p95,
                                r[k].retries);
                    }
                    Run m = Arrays.stream(r)
                            .sorted((x, y) -> Double.compare(x.epochsPerSecond, y.epochsPerSecond))
                            .toList()
                            .get(repeat / 2);
                    table.add(String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %s | %,.1f batches/s, p50 %.0f ms,"
                                    + " p95 %.0f ms |",
                            path.equals("rest") ? "REST (POST /api/v1/ingest/batches)" : "MQTT (QoS 1, wait for ack)",
                            c, b, m.epochsPerSecond, ratio(m.epochsPerSecond, copyRate), m.batchesPerSecond, m.p50, m.p95));
                }
            }
        }
        System.out.println();
        System.out.println("| path | clients | batch (minutes) | epochs/s (median) | ratio to COPY | |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        table.forEach(System.out::println);
    }

    // ---------------------------------------------------------------------------------------------- setting up

    /** Logs in, picks {@code n} children with collection consent, pairs a device to each, finds the bench's days. */
    void setUp(int n) throws Exception {
        adminToken = field(send("POST", "/api/v1/auth/token", "{\"username\":\"" + opt.getOrDefault("user", "school.admin")
                + "\",\"password\":\"" + opt.getOrDefault("password", "demo") + "\"}", null, 200), "accessToken");
        List<String> visible = new ArrayList<>();
        Matcher m = CHILD_ID.matcher(send("GET", "/api/v1/children", null, adminToken, 200));
        while (m.find()) {
            visible.add(m.group(1));
        }
        try (PreparedStatement ps = owner.prepareStatement("SELECT tenant_id, child_id FROM consent WHERE scope ="
                + " 'collection' AND withdrawn_at IS NULL AND child_id = ANY(?) ORDER BY child_id LIMIT ?")) {
            ps.setArray(1, owner.createArrayOf("varchar", visible.toArray()));
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenantId = rs.getString(1);
                    children.add(rs.getString(2));
                }
            }
        }
        if (children.size() < n) {
            throw new IllegalStateException("only " + children.size() + " of the " + visible.size()
                    + " children the account sees have collection consent; ask for devices=" + children.size());
        }
        for (String child : children) {
            String paired = send("POST", "/api/v1/devices/pair", "{\"childId\":\"" + child + "\",\"label\":\"bench\"}",
                    adminToken, 201);
            deviceIds.add(field(paired, "deviceId"));
            deviceTokens.add(field(paired, "deviceToken"));
        }
        // The days just before the demo's first (the demo's minutes have no device), whole days in UTC, at most 400
        // days back (the server's limit).
        Instant first;
        try (Statement s = owner.createStatement();
                ResultSet rs = s.executeQuery("SELECT min(t) FROM epoch WHERE device_id IS NULL")) {
            rs.next();
            Timestamp demoFirst = rs.getObject(1, Timestamp.class);
            first = demoFirst == null ? Instant.now() : demoFirst.toInstant();
        }
        LocalDate end = first.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
        windowStart = end.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (windowStart.isBefore(Instant.now().minus(395, ChronoUnit.DAYS))) {
            throw new IllegalStateException("days=" + days + " reaches further back than the server accepts");
        }
        try (PreparedStatement ps = owner.prepareStatement("SELECT zenmoon_ensure_epoch_partitions(?, ?)")) {
            ps.setObject(1, windowStart.atOffset(ZoneOffset.UTC));
            ps.setObject(2, windowStart.plus(days + 31, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
            ps.execute();
        }
    }

    void unpair() {
        for (String d : deviceIds) {
            try {
                send("DELETE", "/api/v1/devices/" + d, null, adminToken, 204);
            } catch (Exception e) {
                System.err.println("could not unpair " + d + ": " + e.getMessage());
            }
        }
    }

    /**
     * Empties the bench's days of the given children (the owner bypasses row-level security), and their 12-hour sums
     * (epoch_bin: the window is whole days of UTC, so its bins hold nothing else), then vacuums.
     */
    void clear(List<String> childIds) throws SQLException {
        for (String sql : List.of(
                "DELETE FROM epoch WHERE tenant_id = ? AND child_id = ANY(?) AND t >= ? AND t < ?",
                "DELETE FROM epoch_bin WHERE tenant_id = ? AND child_id = ANY(?) AND h >= ? AND h < ?")) {
            try (PreparedStatement ps = owner.prepareStatement(sql)) {
                ps.setString(1, tenantId);
                ps.setArray(2, owner.createArrayOf("varchar", childIds.toArray()));
                ps.setObject(3, windowStart.atOffset(ZoneOffset.UTC));
                ps.setObject(4, windowStart.plus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        }
        try (Statement s = owner.createStatement()) {
            s.execute("VACUUM (ANALYZE) epoch");
            s.execute("VACUUM (ANALYZE) epoch_bin");
        }
    }

    long stored(List<String> childIds) throws SQLException {
        try (PreparedStatement ps = owner.prepareStatement(
                "SELECT count(*) FROM epoch WHERE tenant_id = ? AND child_id = ANY(?) AND t >= ? AND t < ?")) {
            ps.setString(1, tenantId);
            ps.setArray(2, owner.createArrayOf("varchar", childIds.toArray()));
            ps.setObject(3, windowStart.atOffset(ZoneOffset.UTC));
            ps.setObject(4, windowStart.plus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<String> copyChildren() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            ids.add(String.format(Locale.ROOT, "bench-copy-%03d", i));
        }
        return ids;
    }

    // ---------------------------------------------------------------------------------------------- synthetic cohort

    /** One child's minute: a night of sleep from 21:30 to 06:45, school-day activity, noise; deterministic. */
    record Minute(Instant t, float hr, float rmssd, float eda, int activity, float stress, String sleep, float quality,
                  int scr, boolean wear, float anomaly) {

        static Minute of(int device, Instant t) {
            SplittableRandom r = new SplittableRandom(device * 1_000_003L + t.getEpochSecond() / 60);
            int minuteOfDay = (int) (t.getEpochSecond() / 60 % 1440);
            boolean asleep = minuteOfDay >= 21 * 60 + 30 || minuteOfDay < 6 * 60 + 45;
            float hr = (float) round1((asleep ? 62 : 88) + r.nextGaussian() * 6);
            float stress = (float) round2(Math.min(1, Math.max(0, (asleep ? 0.15 : 0.45) + r.nextGaussian() * 0.12)));
            return new Minute(t, hr, (float) round1((asleep ? 70 : 42) + r.nextGaussian() * 8),
                    (float) round2(Math.max(0, 2.5 + stress * 4 + r.nextGaussian())),
                    asleep ? r.nextInt(15) : r.nextInt(600), stress, asleep ? "SLEEP" : "WAKE",
                    (float) round2(0.8 + r.nextDouble() * 0.2), r.nextInt(asleep ? 3 : 12), true,
                    (float) round2(r.nextDouble() * 0.1));
        }

        static double round1(double v) {
            return Math.round(v * 10) / 10.0;
        }

        static double round2(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }

    /** A batch of {@code size} consecutive minutes of one device, as the phone sends it (../shared/API.md). */
    static byte[] batchJson(String batchId, String deviceId, int device, Instant from, int size) {
        StringBuilder sb = new StringBuilder(size * 190 + 200);
        sb.append("{\"batchId\":\"").append(batchId).append("\",\"deviceId\":\"").append(deviceId)
                .append("\",\"sentAt\":\"").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("\",\"epochs\":[");
        for (int i = 0; i < size; i++) {
            Minute m = Minute.of(device, from.plusSeconds(60L * i));
            sb.append(i == 0 ? "" : ",").append("{\"t\":\"").append(m.t).append("\",\"hr\":").append(m.hr)
                    .append(",\"rmssd\":").append(m.rmssd).append(",\"eda\":").append(m.eda)
                    .append(",\"activity\":").append(m.activity).append(",\"stress\":").append(m.stress)
                    .append(",\"sleep\":\"").append(m.sleep).append("\",\"quality\":").append(m.quality)
                    .append(",\"scr\":").append(m.scr).append(",\"wear\":").append(m.wear)
                    .append(",\"anomaly\":").append(m.anomaly).append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every device's batches for a run, made before the clock starts so that the bench's own JSON costs nothing. */
    List<List<byte[]>> bodies(int batch) {
        List<List<byte[]>> all = new ArrayList<>();
        int minutes = days * 1440;
        for (int d = 0; d < deviceIds.size(); d++) {
            List<byte[]> mine = new ArrayList<>();
            for (int from = 0; from < minutes; from += batch) {
                mine.add(batchJson(UUID.randomUUID().toString(), deviceIds.get(d), d,
                        windowStart.plusSeconds(60L * from), Math.min(batch, minutes - from)));
            }
            all.add(mine);
        }
        return all;
    }

    // ---------------------------------------------------------------------------------------------- REST and MQTT

    record Run(double epochsPerSecond, double batchesPerSecond, double p50, double p95, long retries) {}

    /** {@code clients} HTTP/1.1 keep-alive connections, each uploading its devices' batches one after another. */
    Run rest(int clients, int batch) throws Exception {
        clear(children);
        List<List<byte[]>> bodies = bodies(batch);
        AtomicLong accepted = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        List<Long> latencies = new ArrayList<>();
        Thread[] threads = new Thread[clients];
        Throwable[] failure = new Throwable[1];
        long t0 = System.nanoTime();
        for (int k = 0; k < clients; k++) {
            int client = k;
            threads[k] = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<Long> mine = new ArrayList<>();
                try {
                    for (int d = client; d < bodies.size(); d += clients) {
                        for (byte[] body : bodies.get(d)) {
                            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest/batches"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + deviceTokens.get(d))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build();
                            while (true) {
                                long s = System.nanoTime();
                                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 503) {
                                    retries.incrementAndGet();
                                    long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
                                    Thread.sleep(Math.max(50, wait * 1000));
                                    continue;
                                }
                                mine.add(System.nanoTime() - s);
                                if (r.statusCode() != 200) {
                                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                                }
                                accepted.addAndGet(Long.parseLong(field(r.body(), "accepted")));
                                break;
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
                synchronized (latencies) {
                    latencies.addAll(mine);
                }
            });
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException("an upload failed", failure[0]);
        }
        return finish(accepted.get(), latencies, retries.get(), seconds);
    }

    /**
     * The same batches over the server's MQTT bridge: each client one MQTT 5 connection, publishing a batch at QoS 1
     * to {@code zenmoon/{tenant}/{device}/up} with the device token as the user property {@code authorization}, then
     * waiting for the bridge's answer on {@code .../ack} (sent after commit) before the next.
     */
    Run mqtt(int clients, int batch) throws Exception {
        String broker = opt.get("mqtt");
        if (broker == null) {
            throw new IllegalArgumentException("paths=mqtt needs mqtt=tcp://HOST:PORT, the broker the server reads");
        }
        clear(children);
        List<List<byte[]>> bodies = bodies(batch);
        AtomicLong accepted = new AtomicLong();
        List<Long> latencies = new ArrayList<>();
        Thread[] threads = new Thread[clients];
        Throwable[] failure = new Throwable[1];
        long t0 = System.nanoTime();
        for (int k = 0; k < clients; k++) {
            int client = k;
            threads[k] = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
                try {
                    MqttClient mq = new MqttClient(broker, "zenmoon-bench-" + UUID.randomUUID(), new MemoryPersistence());
                    mq.setCallback(new MqttCallback() {
                        @Override
                        public void messageArrived(String topic, MqttMessage message) {
                            String device = topic.split("/")[2];
                            CompletableFuture<String> f = waiting.remove(device);
                            if (f != null) {
                                f.complete(new String(message.getPayload(), StandardCharsets.UTF_8));
                            }
                        }

                        @Override
                        public void disconnected(MqttDisconnectResponse r) {}

                        @Override
                        public void mqttErrorOccurred(MqttException e) {}

                        @Override
                        public void deliveryComplete(IMqttToken token) {}

                        @Override
                        public void connectComplete(boolean reconnect, String uri) {}

                        @Override
                        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
                    });
                    MqttConnectionOptions o = new MqttConnectionOptions();
                    o.setCleanStart(true);
                    mq.connect(o);
                    for (int d = client; d < bodies.size(); d += clients) {
                        mq.subscribe("zenmoon/" + tenantId + "/" + deviceIds.get(d) + "/ack", 1);
                    }
                    for (int d = client; d < bodies.size(); d += clients) {
                        for (byte[] body : bodies.get(d)) {
                            MqttMessage msg = new MqttMessage(body, 1, false, new MqttProperties());
                            msg.getProperties().setUserProperties(
                                    List.of(new UserProperty("authorization", "Bearer " + deviceTokens.get(d))));
                            CompletableFuture<String> ack = new CompletableFuture<>();
                            waiting.put(deviceIds.get(d), ack);
                            long s = System.nanoTime();
                            mq.publish("zenmoon/" + tenantId + "/" + deviceIds.get(d) + "/up", msg);
                            String answer = ack.get(120, TimeUnit.SECONDS);
                            mine.add(System.nanoTime() - s);
                            if (!answer.contains("\"accepted\"")) {
                                throw new IllegalStateException("the bridge answered " + answer);
                            }
                            accepted.addAndGet(Long.parseLong(field(answer, "accepted")));
                        }
                    }
                    mq.disconnect();
                    mq.close();
                } catch (Throwable e) {
                    failure[0] = e;
                }
                synchronized (latencies) {
                    latencies.addAll(mine);
                }
            });
            threads[k].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException("an MQTT upload failed", failure[0]);
        }
        return finish(accepted.get(), latencies, 0, seconds);
    }

    /** The run's figures, once the database holds every row that was sent, and only those. */
    Run finish(long accepted, List<Long> latencies, long retries, double seconds) throws SQLException {
        long expected = (long) children.size() * days * 1440;
        long stored = stored(children);
        if (accepted != expected || stored != expected) {
            throw new IllegalStateException("sent " + expected + " epochs, " + accepted + " accepted, " + stored
                    + " stored");
        }
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Run(accepted / seconds, l.length / seconds, l[l.length / 2] / 1e6,
                l[(int) Math.min(l.length - 1, Math.ceil(l.length * 0.95) - 1)] / 1e6, retries);
    }

    // ---------------------------------------------------------------------------------------------- baselines

    /** The same rows, for child ids of the bench's own, in one {@code COPY} as the owner; rows/s. */
    double copy() throws Exception {
        List<String> ids = copyChildren();
        clear(ids);
        List<byte[]> text = new ArrayList<>();
        for (int d = 0; d < ids.size(); d++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder sb = new StringBuilder(200);
            for (int i = 0; i < days * 1440; i++) {
                Minute m = Minute.of(d, windowStart.plusSeconds(60L * i));
                sb.setLength(0);
                sb.append(tenantId).append('\t').append(ids.get(d)).append("\tbench\t").append(m.t).append('\t')
                        .append(m.hr).append('\t').append(m.rmssd).append('\t').append(m.eda).append('\t')
                        .append(m.activity).append('\t').append(m.stress).append('\t').append(m.sleep).append('\t')
                        .append(m.quality).append('\t').append(m.scr).append('\t').append(m.wear).append('\t')
                        .append(m.anomaly).append('\n');
                out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            text.add(out.toByteArray());
        }
        long rows = (long) ids.size() * days * 1440;
        owner.setAutoCommit(false);
        long t0 = System.nanoTime();
        CopyIn in = owner.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY epoch (tenant_id, child_id, device_id,"
                + " t, hr, rmssd, eda, activity, stress, sleep_state, quality, scr, wear, anomaly) FROM STDIN");
        for (byte[] b : text) {
            in.writeToCopy(b, 0, b.length);
        }
        long copied = in.endCopy();
        owner.commit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        owner.setAutoCommit(true);
        if (copied != rows) {
            throw new IllegalStateException("copied " + copied + " of " + rows);
        }
        clear(ids);
        return rows / seconds;
    }

    /**
     * The same rows through the statements the server runs for each batch (EpochBulkInsert: the child's advisory
     * lock, the look-up of stored minutes, one {@code INSERT ... SELECT FROM unnest(arrays)}), a transaction per
     * batch, over one owner connection: the database's share of an upload, without HTTP, JSON or the container.
     */
    double bulk(int batch) throws Exception {
        List<String> ids = copyChildren();
        clear(ids);
        // With the 12-hour sums (epoch_bin) of the inserted rows added in the same statement, as the server does.
        String insert = "WITH ins AS (INSERT INTO epoch (tenant_id, child_id, device_id, t, hr, rmssd, eda, activity,"
                + " stress, sleep_state, quality, scr, wear, anomaly)"
                + " SELECT ?, ?, ?, u.t, u.hr, u.rmssd, u.eda, u.activity, u.stress, u.sleep_state, u.quality, u.scr,"
                + " u.wear, u.anomaly"
                + " FROM unnest(?::timestamptz[], ?::real[], ?::real[], ?::real[], ?::integer[], ?::real[],"
                + " ?::varchar[], ?::real[], ?::smallint[], ?::boolean[], ?::real[])"
                + " AS u(t, hr, rmssd, eda, activity, stress, sleep_state, quality, scr, wear, anomaly)"
                + " ORDER BY u.t RETURNING tenant_id, child_id, t, hr, stress, sleep_state)"
                + " INSERT INTO epoch_bin AS b (tenant_id, child_id, h, minutes, stress_n, stress_sum, hr_n, hr_sum,"
                + " scored, asleep, first_t, last_t)"
                + " SELECT tenant_id, child_id, date_bin('12 hours', t, timestamptz '2000-01-01 00:00:00+00') AS h,"
                + " count(*), count(stress), coalesce(sum(stress::float8), 0), count(hr), coalesce(sum(hr::float8), 0),"
                + " count(*) FILTER (WHERE sleep_state IN ('SLEEP', 'WAKE')),"
                + " count(*) FILTER (WHERE sleep_state = 'SLEEP'), min(t), max(t)"
                + " FROM ins GROUP BY tenant_id, child_id, h ORDER BY h"
                + " ON CONFLICT (tenant_id, child_id, h) DO UPDATE SET minutes = b.minutes + excluded.minutes,"
                + " stress_n = b.stress_n + excluded.stress_n, stress_sum = b.stress_sum + excluded.stress_sum,"
                + " hr_n = b.hr_n + excluded.hr_n, hr_sum = b.hr_sum + excluded.hr_sum,"
                + " scored = b.scored + excluded.scored, asleep = b.asleep + excluded.asleep,"
                + " first_t = least(b.first_t, excluded.first_t), last_t = greatest(b.last_t, excluded.last_t)";
        int minutes = days * 1440;
        List<Object[][]> work = new ArrayList<>();
        for (int d = 0; d < ids.size(); d++) {
            for (int from = 0; from < minutes; from += batch) {
                int n = Math.min(batch, minutes - from);
                Object[][] cols = {new String[n], new Float[n], new Float[n], new Float[n], new Integer[n], new Float[n],
                    new String[n], new Float[n], new Integer[n], new Boolean[n], new Float[n], {d}};
                for (int i = 0; i < n; i++) {
                    Minute m = Minute.of(d, windowStart.plusSeconds(60L * (from + i)));
                    cols[0][i] = m.t.toString();
                    cols[1][i] = m.hr;
                    cols[2][i] = m.rmssd;
                    cols[3][i] = m.eda;
                    cols[4][i] = m.activity;
                    cols[5][i] = m.stress;
                    cols[6][i] = m.sleep;
                    cols[7][i] = m.quality;
                    cols[8][i] = m.scr;
                    cols[9][i] = m.wear;
                    cols[10][i] = m.anomaly;
                }
                work.add(cols);
            }
        }
        String[] types = {"text", "float4", "float4", "float4", "int4", "float4", "text", "float4", "int4", "bool",
            "float4"};
        owner.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (PreparedStatement lock = owner.prepareStatement(
                        "SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))");
                PreparedStatement look = owner.prepareStatement("SELECT t FROM epoch WHERE tenant_id = ? AND child_id"
                        + " = ? AND t >= ?::timestamptz AND t <= ?::timestamptz");
                PreparedStatement ps = owner.prepareStatement(insert)) {
            for (Object[][] cols : work) {
                String child = ids.get((Integer) cols[11][0]);
                lock.setString(1, tenantId);
                lock.setString(2, child);
                lock.execute();
                look.setString(1, tenantId);
                look.setString(2, child);
                look.setString(3, (String) cols[0][0]);
                look.setString(4, (String) cols[0][cols[0].length - 1]);
                try (ResultSet rs = look.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalStateException("the bench's days were not empty");
                    }
                }
                ps.setString(1, tenantId);
                ps.setString(2, child);
                ps.setString(3, "bench");
                Array[] arrays = new Array[11];
                for (int i = 0; i < 11; i++) {
                    arrays[i] = owner.createArrayOf(types[i], cols[i]);
                    ps.setArray(4 + i, arrays[i]);
                }
                ps.executeUpdate();
                owner.commit();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        owner.setAutoCommit(true);
        long rows = (long) ids.size() * minutes;
        long stored = stored(ids);
        if (stored != rows) {
            throw new IllegalStateException("inserted " + stored + " of " + rows);
        }
        clear(ids);
        return rows / seconds;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    String send(String method, String path, String body, String token, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = setupHttp.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** A top-level string or number field of a small JSON answer. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9.]+))").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** The rate as a share of COPY's, or "n/a" when this run measured no COPY. */
    static String ratio(double rate, double copyRate) {
        return Double.isNaN(copyRate) ? "n/a" : String.format(Locale.ROOT, "%.2f", rate / copyRate);
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
