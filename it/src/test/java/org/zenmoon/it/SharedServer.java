package org.zenmoon.it;

import java.io.IOException;
import java.util.Map;

/**
 * One server start shared by every black-box test class in this JVM: the run command with its embedded
 * PostgreSQL and demo data, on ports of its own so that a developer's running ZenMoon is not disturbed, and a
 * Mosquitto broker (started first, stopped last) for its MQTT bridge.
 * The first start is on a clean home; a class that stopped it (the restart test, the external-database test)
 * leaves the data, and the next class that needs the server starts it again on that data. So the classes
 * need no order.
 */
final class SharedServer {

    static final int PORT = 18080;
    static final int DB_PORT = 54339;
    private static LaunchedServer server;
    private static Mosquitto broker;
    private static boolean started;

    private SharedServer() {}

    static synchronized LaunchedServer get() throws IOException {
        if (!started) {
            broker = Mosquitto.start("shared-mosquitto");
            Runtime.getRuntime().addShutdownHook(new Thread(SharedServer::stop));
            server = LaunchedServer.start("shared", PORT, DB_PORT, env());
            started = true;
        } else if (!server.isAlive()) {
            server = LaunchedServer.startOn("shared", PORT, DB_PORT, env());
        }
        return server;
    }

    /** The broker the shared server's MQTT bridge uses. */
    static synchronized Mosquitto broker() throws IOException {
        get();
        return broker;
    }

    private static Map<String, String> env() {
        // A run whose server died is resumed once its heartbeat is 15 s old (2 minutes by default), so that the
        // crash test need not wait long.
        // The nightly schedule is off: a test run that crosses 02:30 must not see the school's jobs start by
        // themselves (NightlyScheduleTest covers when a tenant is due).
        // An A/B test decides after 15 answers per arm and gives up after 60, so that RecommendationsIT's families
        // (38 answers a round) see a promotion within a few rounds.
        return Map.of(
                "ZENMOON_MQTT_URL",
                broker.url(),
                "ZENMOON_JOBS_STALE_AFTER",
                "PT15S",
                "ZENMOON_JOBS_NIGHTLY_AT",
                "off",
                "ZENMOON_RECOMMENDER_AB_MIN_PER_ARM",
                "15",
                "ZENMOON_RECOMMENDER_AB_MAX_PER_ARM",
                "60");
    }

    /** A connection to the shared server's database as its owner, with the password the run command made. */
    static java.sql.Connection ownerConnection() throws IOException, java.sql.SQLException {
        String password = java.nio.file.Files.readString(get().home.resolve("db-owner-password"))
                .trim();
        return java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + DB_PORT + "/zenmoon", "postgres", password);
    }

    static synchronized void stop() {
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** For the restart test: stop the shared server and start it again on the same data. */
    static synchronized LaunchedServer restart() throws IOException, InterruptedException {
        get().stop();
        server = LaunchedServer.startOn("shared", PORT, DB_PORT, env());
        return server;
    }

    /** Stops the shared server, does {@code meanwhile}, and starts it again on the same data. */
    static synchronized LaunchedServer restart(Meanwhile meanwhile) throws Exception {
        get().stop();
        try {
            meanwhile.run();
        } finally {
            server = LaunchedServer.startOn("shared", PORT, DB_PORT, env());
        }
        return server;
    }

    /** What a test does while the server is down. */
    @FunctionalInterface
    interface Meanwhile {
        void run() throws Exception;
    }
}
