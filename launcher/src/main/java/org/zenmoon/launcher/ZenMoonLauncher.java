package org.zenmoon.launcher;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.zenmoon.demo.DemoDataSeeder;
import org.zenmoon.infrastructure.persistence.ZenMoonDatabase;

/**
 * The README's run command: PostgreSQL (embedded unless ZENMOON_DB_URL is set), Flyway migrations (as the schema's
 * owner), then Payara Micro with the ZenMoon WAR (as the application role, which row-level security restricts) and,
 * on the first start, the demo data written beside it (as the owner). Ctrl-C stops the server, then the database.
 *
 * <p>Commands: {@code run} (default), {@code migrate} (migrations only, for an external database).
 */
public final class ZenMoonLauncher {

    private static final PrintStream OUT = System.out;

    private final Settings settings;
    private final Clock clock;
    private EmbeddedDatabase embedded;
    private InstanceLock instance;
    private Process server;

    private ZenMoonLauncher(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public static void main(String[] args) {
        Logging.configure();
        String command = args.length == 0 ? "run" : args[0];
        Settings settings;
        try {
            settings = Settings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("zenmoon: " + e.getMessage());
            System.exit(2);
            return;
        }
        ZenMoonLauncher launcher = new ZenMoonLauncher(settings, Clock.systemUTC());
        try {
            switch (command) {
                case "run" -> System.exit(launcher.run());
                case "migrate" -> {
                    launcher.migrate(
                            settings.externalMigrator(),
                            settings.externalDb() == null
                                    ? null
                                    : settings.externalDb().user());
                    System.exit(0);
                }
                case "create-admin" -> System.exit(launcher.createAdmin(args));
                case "help", "--help", "-h" -> {
                    OUT.println("usage: zenmoon [run|migrate|create-admin NAME]   (configuration: see README.md)");
                    System.exit(0);
                }
                default -> {
                    System.err.println(
                            "zenmoon: unknown command '" + command + "' (use run, migrate, create-admin or help)");
                    System.exit(2);
                }
            }
        } catch (LaunchException e) {
            System.err.println("zenmoon: " + e.getMessage());
            launcher.stop();
            System.exit(1);
        } catch (RuntimeException e) {
            // Anything unforeseen still ends in one line that names the cause, not a stack trace.
            System.err.println("zenmoon: start-up failed: " + cause(e));
            launcher.stop();
            System.exit(1);
        }
    }

    /** The innermost cause, as "Type: message". */
    static String cause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    int run() {
        instance = InstanceLock.acquire(settings.home(), settings.httpPort());
        requireFreePort(settings.httpPort(), "HTTP", "ZENMOON_HTTP_PORT");
        if (settings.externalDb() == null) {
            requireFreePort(settings.embeddedDbPort(), "embedded PostgreSQL", "ZENMOON_EMBEDDED_DB_PORT");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "zenmoon-shutdown"));
        secureHome();
        Db owner;
        Db app;
        if (settings.externalDb() != null) {
            owner = settings.externalMigrator();
            app = settings.externalDb();
        } else {
            startEmbedded();
            owner = embedded.owner();
            app = embedded.app();
        }
        migrate(owner, app.user());
        // The demo data is written while Payara Micro starts, so that the first start takes about as long as the
        // longer of the two rather than both (docs/BENCHMARKS.md, "Run command"); the banner waits for both. Until the
        // data commits, the server's database holds no tenant.
        boolean seed = settings.demo() && prepareDemo(owner);
        if (seed) {
            // Held until the demo data is committed: the server's readiness is down meanwhile.
            try (Connection lock = demoDataLock(owner)) {
                startServer(app);
                seedDemo(owner);
            } catch (SQLException e) {
                throw new LaunchException("the demo data's lock could not be released: " + e.getMessage(), e);
            }
        } else {
            startServer(app);
        }
        awaitReady();
        printBanner(app);
        try {
            int code = server.waitFor();
            return code == 0 || code == 143 || code == 130 ? 0 : code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * {@code create-admin NAME}: the first platform admin, once, with the password from {@code ZENMOON_ADMIN_PASSWORD}
     * or typed twice at the terminal. Exit code 2 when refused, with one line saying why.
     */
    int createAdmin(String[] args) {
        if (args.length != 2) {
            System.err.println("zenmoon: usage: zenmoon create-admin NAME");
            return 2;
        }
        char[] password = adminPassword();
        if (password == null) {
            return 2;
        }
        if (settings.externalDb() == null) {
            instance = InstanceLock.acquire(settings.home(), settings.httpPort());
            requireFreePort(settings.embeddedDbPort(), "embedded PostgreSQL", "ZENMOON_EMBEDDED_DB_PORT");
        }
        try {
            Db db;
            if (settings.externalDb() != null) {
                db = settings.externalMigrator();
                migrate(db, settings.externalDb().user());
            } else {
                secureHome();
                startEmbedded();
                db = embedded.owner();
                migrate(db, embedded.app().user());
            }
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                String id = FirstAdmin.create(c, args[1], password);
                OUT.println("[zenmoon] platform admin '" + args[1] + "' created (account " + id + ")");
                return 0;
            }
        } catch (FirstAdmin.Refused e) {
            System.err.println("zenmoon: create-admin refused: " + e.getMessage());
            return 2;
        } catch (SQLException e) {
            throw new LaunchException("the admin could not be written: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
            stop();
        }
    }

    /** The new admin's password: the configured secret, else typed twice; null (with a message) if neither. */
    private static char[] adminPassword() {
        String configured = System.getenv("ZENMOON_ADMIN_PASSWORD");
        if (configured != null && !configured.isEmpty()) {
            return configured.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            System.err.println("zenmoon: set ZENMOON_ADMIN_PASSWORD or run create-admin in a terminal");
            return null;
        }
        char[] first = console.readPassword("Password for the new platform admin: ");
        char[] again = console.readPassword("The same password again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            System.err.println("zenmoon: the two passwords differ");
            return null;
        }
        return first;
    }

    /** A port another program holds would fail later, deep in a server log: say so now, in one line. */
    private static void requireFreePort(int port, String what, String variable) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new LaunchException("the " + what + " port " + port + " is in use by another program; set " + variable
                    + " to a free port");
        }
    }

    /** The home holds the database passwords, the signing key and the data: only its owner may enter it. */
    private void secureHome() {
        try {
            EmbeddedDatabase.ownerOnlyDirectory(settings.home());
        } catch (IOException e) {
            throw new LaunchException("cannot restrict " + settings.home() + " to its owner: " + e.getMessage(), e);
        }
    }

    private void startEmbedded() {
        Path home = settings.home();
        OUT.println("[zenmoon] starting embedded PostgreSQL on port " + settings.embeddedDbPort() + " (data in "
                + home.resolve("pgdata") + ")");
        try {
            // initdb and the first start take longer than zonky's 10 s default on a busy 2-core machine.
            embedded = EmbeddedDatabase.start(
                    home, settings.embeddedDbPort(), Duration.ofSeconds(120), home.resolve("postgres.log"));
        } catch (IOException e) {
            throw new LaunchException(
                    "embedded PostgreSQL did not start: " + e.getMessage() + " (see " + home.resolve("postgres.log")
                            + ")",
                    e);
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                throw new LaunchException("the embedded database refuses the owner's password in "
                        + home.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE)
                        + ": restore that file from a backup of " + home);
            }
            throw new LaunchException("cannot set up the embedded database's accounts: " + e.getMessage(), e);
        }
    }

    /**
     * Migrates as {@code db} (the schema's owner), granting the application role {@code appRole} (the server's
     * account) what it needs.
     */
    void migrate(Db db, String appRole) {
        if (db == null) {
            throw new LaunchException(
                    "migrate needs ZENMOON_DB_URL, ZENMOON_DB_USER and ZENMOON_DB_PASSWORD"
                            + " (the server's account) and ZENMOON_DB_OWNER_USER and ZENMOON_DB_OWNER_PASSWORD (the schema's owner)");
        }
        if (db.user().equals(appRole)) {
            OUT.println(
                    "[zenmoon] warning: ZENMOON_DB_OWNER_USER is not set, so migrations run as ZENMOON_DB_USER, which"
                            + " then owns the tables: row-level security does not restrict the server. Name the schema's owner in"
                            + " ZENMOON_DB_OWNER_USER and ZENMOON_DB_OWNER_PASSWORD, and give the server an account of its own.");
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(db.url(), db.user(), db.password())
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("appRole", appRole))
                    .load()
                    .migrate();
            OUT.println("[zenmoon] schema at version "
                    + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion)
                    + " (" + result.migrationsExecuted + " migrations applied now)");
        } catch (RuntimeException e) {
            throw new LaunchException("migrations failed: " + e.getMessage(), e);
        }
    }

    /** Whether the database is empty, so that the demo data will be written; if so, its partitions are made now. */
    private boolean prepareDemo(Db db) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            OUT.println("[zenmoon] demo mode: checking for demo data");
            if (DemoDataSeeder.prepare(c, LocalDate.now(clock), clock.instant())) {
                return true;
            }
            OUT.println("[zenmoon] database already has data; no demo data added");
            return false;
        } catch (SQLException e) {
            throw new LaunchException("demo data could not be prepared: " + e.getMessage(), e);
        }
    }

    /** A session holding {@link ZenMoonDatabase#DEMO_DATA_LOCK} until it is closed. */
    private static Connection demoDataLock(Db db) {
        try {
            Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + ZenMoonDatabase.DEMO_DATA_LOCK + ")");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw new LaunchException("the demo data's lock could not be taken: " + e.getMessage(), e);
        }
    }

    private void seedDemo(Db db) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            OUT.println("[zenmoon] writing the demo data while the server starts");
            if (settings.externalDb() != null) {
                OUT.println(
                        "[zenmoon] ZENMOON_DEMO=true: an empty external database gets demo accounts with the password 'demo'");
            }
            DemoDataSeeder.Result r = DemoDataSeeder.seedIfEmpty(
                    c, settings.demoSeed(), LocalDate.now(clock), settings.demoScale(), "demo".toCharArray());
            if (r.seeded()) {
                OUT.printf(
                        "[zenmoon] demo data created: %d children, %,d epochs in %.1f s%n",
                        r.children(), r.epochs(), r.millis() / 1000.0);
            } else {
                OUT.println("[zenmoon] database already has data; no demo data added");
            }
        } catch (SQLException e) {
            throw new LaunchException("demo data could not be written: " + e.getMessage(), e);
        }
    }

    /** Starts Payara Micro, connecting as {@code db}: credentials go into its environment, never on its command line. */
    private void startServer(Db db) {
        Path jar = settings.payaraJar();
        Path war = settings.war();
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(war)) {
            throw new LaunchException("missing " + jar + " or " + war + ": build with ./mvnw -DskipTests package");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(settings.javaOpts().trim().split("\\s+")));
        cmd.add("-Duser.timezone=UTC");
        // Payara's deploy-time check of resource references looks java:app/jdbc/zenmoon up before the application
        // has defined it (@DataSourceDefinition), and on some starts it fails the deployment (payara/Payara#3830).
        // The reference is resolved for real when the persistence unit starts, which readiness waits for.
        cmd.add("-Ddeployment.resource.validation=false");
        if (!settings.generateJwtKey() && !Files.isReadable(settings.jwtKeyFile())) {
            throw new LaunchException("ZENMOON_JWT_KEY_FILE " + settings.jwtKeyFile() + " is not a readable file");
        }
        cmd.add("-Dzenmoon.jwt.key-file=" + settings.jwtKeyFile());
        cmd.add("-Dzenmoon.jwt.generate-key=" + settings.generateJwtKey());
        // The data grid (Hazelcast, whose JCache keeps forecasts and cohort summaries) listens on the loopback
        // only; with --nocluster it joins no other member, and its group name is drawn afresh (prebootCommands).
        cmd.add("-Dhazelcast.socket.bind.any=false");
        cmd.addAll(List.of(
                "-jar",
                jar.toString(),
                "--prebootcommandfile",
                prebootCommands().toString(),
                "--deploy",
                war.toString(),
                "--contextroot",
                "/",
                "--port",
                String.valueOf(settings.httpPort()),
                "--nocluster"));
        Path log = settings.home().resolve("payara-micro.log");
        OUT.println("[zenmoon] starting Payara Micro on port " + settings.httpPort() + " (log in " + log + ")");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The environment of a process is readable by its user only, its command line by everybody. MicroProfile
        // Config maps ZENMOON_DB_PASSWORD to zenmoon.db.password. The owner's account stays with the launcher.
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith(Settings.variable("zenmoon.db.owner")));
        env.put(Settings.variable("zenmoon.db.url"), db.url());
        env.put(Settings.variable("zenmoon.db.user"), db.user());
        env.put(Settings.variable("zenmoon.db.password"), db.password());
        if (settings.mqttUrl() != null) {
            // Also when the launcher was given it as a system property.
            env.put(Settings.variable("zenmoon.mqtt.url"), settings.mqttUrl());
        }
        try {
            server = pb.start();
        } catch (IOException e) {
            throw new LaunchException("Payara Micro did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Payara Micro's commands before boot: the HTTP listener binds to the configured address only, serves at most
     * {@link #HTTP_THREADS} requests at once, and speaks HTTP/1.1. Cleartext HTTP/2 (h2c upgrade) is off: after refusing an oversized header block, Grizzly keeps the
     * connection with its header table out of step, so the client's next request on it fails (431). Browsers use
     * HTTP/2 only over TLS, which a proxy in front provides.
     */
    /**
     * Requests served at once. A request holds one database connection for its transaction and takes a second for
     * its audit row (its own transaction, so that refusals and failures are recorded too): with more request threads
     * than half the pool ({@code ZenMoonDatabase}, 32), a burst could hold every connection while each waited for
     * its second, and stall until the pool's wait gave up. The rest of the pool is for the jobs, the timers and the
     * MQTT bridge; further requests queue.
     */
    static final int HTTP_THREADS = 12;

    private Path prebootCommands() {
        Path file = settings.home().resolve("payara-preboot.txt");
        try {
            Files.writeString(
                    file,
                    "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
                            + settings.bindAddress() + "\n"
                            + "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.http2-enabled=false\n"
                            + "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size="
                            + HTTP_THREADS + "\n"
                            // The data grid: one member of its own (--nocluster), on the loopback, under a group
                            // name nobody else knows, so that no other server or client on this machine joins it
                            // and reads the cached answers. This file is readable by its owner only (./var).
                            + "set hazelcast-runtime-configuration.interface=127.0.0.1\n"
                            + "set hazelcast-runtime-configuration.cluster-group-name=zenmoon-" + UUID.randomUUID()
                            + "\n");
        } catch (IOException e) {
            throw new LaunchException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** How long the launcher waits for a configured MQTT broker before it reports the server ready without it. */
    static final int MQTT_GRACE_SECONDS = 15;

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(settings.baseUrl() + "/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.startTimeoutSeconds());
        String last = "no answer";
        long mqttDownSince = 0;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new LaunchException("Payara Micro exited with code " + server.exitValue() + "; see "
                        + settings.home().resolve("payara-micro.log"));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                // The server answers /health/ready even when the application failed to deploy: only a
                // report that includes ZenMoon's own database check counts.
                if (r.statusCode() == 200 && r.body().contains("\"database\"")) {
                    return;
                }
                // A broker that cannot be reached holds readiness (uploads over MQTT wait at the broker) but not
                // the start: the bridge keeps reconnecting, and the API works without it. A short grace first,
                // so that a reachable broker is connected by the time the banner appears.
                if (Readiness.onlyMqttDown(r.statusCode(), r.body())) {
                    if (mqttDownSince == 0) {
                        mqttDownSince = System.nanoTime();
                    } else if (System.nanoTime() - mqttDownSince > TimeUnit.SECONDS.toNanos(MQTT_GRACE_SECONDS)) {
                        OUT.println("[zenmoon] warning: the MQTT broker at " + settings.mqttUrl()
                                + " cannot be reached; the bridge keeps trying, and /health/ready is down until then");
                        return;
                    }
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for the server", e);
            }
            sleep(1000);
        }
        throw new LaunchException("the server was not ready within " + settings.startTimeoutSeconds() + " s (last: "
                + last + "); see " + settings.home().resolve("payara-micro.log"));
    }

    private void printBanner(Db db) {
        String base = settings.baseUrl();
        OUT.println();
        OUT.println("  ZenMoon is ready.");
        OUT.println("    Portal:     " + base + "/login.xhtml");
        OUT.println("    Phone app:  " + base + "/app/   (parents, and the child's companion)");
        OUT.println("    API base:   " + base + "/api/v1   (OpenAPI: " + base + "/openapi)");
        OUT.println("    Health:     " + base + "/health/ready");
        OUT.println("    Database:   " + db.displayUrl() + (embedded != null ? "  (embedded)" : ""));
        OUT.println("    MQTT:       "
                + (settings.mqttUrl() == null
                        ? "off (ZENMOON_MQTT_URL names a broker)"
                        : settings.mqttUrl() + "  (uploads on zenmoon/{tenantId}/{deviceId}/up)"));
        OUT.println("    Listening:  " + settings.bindAddress() + ":" + settings.httpPort()
                + (settings.bindAddress().equals("127.0.0.1")
                        ? "  (this machine only; ZENMOON_HTTP_BIND_ADDRESS opens it to others)"
                        : ""));
        if (embedded != null) {
            Path owner = settings.home().resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE);
            Path app = settings.home().resolve(EmbeddedDatabase.APP_PASSWORD_FILE);
            OUT.println("    DB owner:   " + EmbeddedDatabase.OWNER + ", password in " + owner);
            OUT.println("    DB server:  " + EmbeddedDatabase.APP_ROLE + ", password in " + app);
        }
        if (settings.demo()) {
            OUT.println("    Demo logins (password: demo):");
            OUT.println("      admin         PLATFORM_ADMIN");
            OUT.println("      school.admin  TENANT_ADMIN, Riverside School");
            OUT.println("      counsellor    COUNSELLOR, Riverside School (portal)");
            OUT.println("      clinic.admin  TENANT_ADMIN, Northside Paediatric Sleep Clinic");
            OUT.println("      clinician     CLINICIAN, Northside Paediatric Sleep Clinic (portal)");
            OUT.println("      parent        GUARDIAN of two Riverside children (phone app " + base + "/app/, API)");
        } else {
            OUT.println("    No preset accounts. Make the first platform admin once with: ./zenmoon create-admin NAME");
        }
        OUT.println("  Press Ctrl-C to stop.");
        OUT.println();
        OUT.flush();
    }

    private synchronized void stop() {
        if (server != null && server.isAlive()) {
            OUT.println("[zenmoon] stopping Payara Micro");
            server.destroy();
            try {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (embedded != null) {
            OUT.println("[zenmoon] stopping embedded PostgreSQL");
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("zenmoon: embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            embedded = null;
        }
        if (instance != null) {
            instance.release();
            instance = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure that ends the launch with a one-line message. */
    static final class LaunchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LaunchException(String message) {
            super(message);
        }

        LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
