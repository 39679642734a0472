package org.zenmoon.it;

import java.io.IOException;
import java.util.Map;

/**
 * One server start shared by every black-box test class in this JVM: the run command with its embedded
 * PostgreSQL and demo data, on ports of its own so that a developer's running ZenMoon is not disturbed.
 * The first start is on a clean home; a class that stopped it (the restart test, the external-database test)
 * leaves the data, and the next class that needs the server starts it again on that data. So the classes
 * need no order.
 */
final class SharedServer {

    static final int PORT = 18080;
    static final int DB_PORT = 54339;
    private static LaunchedServer server;
    private static boolean started;

    private SharedServer() {}

    static synchronized LaunchedServer get() throws IOException {
        if (!started) {
            server = LaunchedServer.start("shared", PORT, DB_PORT, Map.of());
            started = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedServer::stop));
        } else if (!server.isAlive()) {
            server = LaunchedServer.startOn("shared", PORT, DB_PORT, Map.of());
        }
        return server;
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
    }

    /** For the restart test: stop the shared server and start it again on the same data. */
    static synchronized LaunchedServer restart() throws IOException, InterruptedException {
        get().stop();
        server = LaunchedServer.startOn("shared", PORT, DB_PORT, Map.of());
        return server;
    }
}
