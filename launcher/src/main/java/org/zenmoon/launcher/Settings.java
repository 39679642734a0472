package org.zenmoon.launcher;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.zenmoon.demo.DemoDataGenerator;

/**
 * The launcher's settings. Each is read from a system property ({@code zenmoon.http.port}) or the matching
 * environment variable ({@code ZENMOON_HTTP_PORT}), as MicroProfile Config maps them inside the server.
 */
record Settings(
        Db externalDb,
        Db externalOwner,
        Path home,
        int httpPort,
        String bindAddress,
        int embeddedDbPort,
        boolean demo,
        long demoSeed,
        int demoScale,
        String javaOpts,
        Path payaraJar,
        Path war,
        int startTimeoutSeconds,
        Path jwtKeyFile,
        boolean generateJwtKey,
        String mqttUrl) {

    static Settings fromEnvironment() {
        return from(Settings::lookup);
    }

    /** The settings from {@code lookup}, which maps a key such as {@code zenmoon.db.url} to its value or null. */
    static Settings from(UnaryOperator<String> lookup) {
        BinaryOperator<String> get = (key, fallback) -> {
            String v = lookup.apply(key);
            return v == null || v.isBlank() ? fallback : v;
        };
        Path dist = launcherDirectory();
        String url = get.apply("zenmoon.db.url", null);
        // ZENMOON_DB_USER is the server's account; migrations (and demo data) run as the schema's owner, when one is
        // named, or else as that same account.
        Db external = url == null
                ? null
                : new Db(url, get.apply("zenmoon.db.user", ""), get.apply("zenmoon.db.password", ""));
        String ownerUser = get.apply("zenmoon.db.owner-user", null);
        Db externalOwner = external == null || ownerUser == null
                ? null
                : new Db(url, ownerUser, get.apply("zenmoon.db.owner-password", ""));
        Path home = Path.of(get.apply("zenmoon.home", "var")).toAbsolutePath();
        String keyFile = get.apply("zenmoon.jwt.key-file", null);
        return new Settings(
                external,
                externalOwner,
                home,
                port(get, "zenmoon.http.port", "8080"),
                // Only this machine can reach the server unless the admin opens it up (behind a TLS proxy, say).
                address(get.apply("zenmoon.http.bind-address", "127.0.0.1").trim()),
                port(get, "zenmoon.embedded-db.port", "54329"),
                // Demo accounts share one known password: only the embedded database gets them unless asked for.
                Boolean.parseBoolean(get.apply("zenmoon.demo", String.valueOf(external == null))),
                number(get, "zenmoon.demo.seed", "20261127"),
                // Benchmarks only: each demo cohort has this many times its children (1: the demo as it is).
                demoScale(get),
                get.apply("zenmoon.server.java-opts", "-Xmx1g -XX:+UseSerialGC"),
                Path.of(get.apply(
                        "zenmoon.server.payara-jar",
                        dist.resolve("payara-micro.jar").toString())),
                Path.of(get.apply(
                        "zenmoon.server.war", dist.resolve("zenmoon.war").toString())),
                (int) number(get, "zenmoon.server.start-timeout", "300"),
                keyFile == null
                        ? home.resolve("jwt-signing-key.pem")
                        : Path.of(keyFile).toAbsolutePath(),
                // The run command owns its home: it makes the signing key there on the first start, with or without
                // demo data. A key the admin names must exist already.
                keyFile == null,
                // The MQTT bridge's broker, or null: the bridge is off.
                get.apply("zenmoon.mqtt.url", null));
    }

    private static int demoScale(BinaryOperator<String> get) {
        long scale = number(get, "zenmoon.demo.scale", "1");
        if (scale < 1 || scale > DemoDataGenerator.MAX_SCALE) {
            throw new IllegalArgumentException(variable("zenmoon.demo.scale") + " must be a whole number from 1 to "
                    + DemoDataGenerator.MAX_SCALE + ", not " + scale);
        }
        return (int) scale;
    }

    private static int port(BinaryOperator<String> get, String key, String fallback) {
        long port = number(get, key, fallback);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(variable(key) + " must be a port number from 1 to 65535, not " + port);
        }
        return (int) port;
    }

    /** An IP address or a host name of this machine, which the server's HTTP listener binds to. */
    private static String address(String value) {
        if (!value.matches("[A-Za-z0-9.:%_-]{1,253}")) {
            throw new IllegalArgumentException(
                    variable("zenmoon.http.bind-address") + " must be an IP address or host name, not '" + value + "'");
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    variable("zenmoon.http.bind-address") + " names no address of this machine: '" + value + "'");
        }
        return value;
    }

    /** @throws IllegalArgumentException naming the setting as an admin would set it */
    private static long number(BinaryOperator<String> get, String key, String fallback) {
        String value = get.apply(key, fallback);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable(key) + " must be a whole number, not '" + value + "'");
        }
    }

    /** The environment variable MicroProfile Config maps {@code key} to. */
    static String variable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The account migrations run as on the external database: its owner, or the server's account if none is named. */
    Db externalMigrator() {
        return externalOwner != null ? externalOwner : externalDb;
    }

    /** Where this machine reaches the server: localhost when it listens everywhere, else the address it binds. */
    String baseUrl() {
        boolean everywhere = bindAddress.equals("0.0.0.0") || bindAddress.equals("::");
        boolean loopback = bindAddress.equals("127.0.0.1") || bindAddress.equals("localhost");
        String host = everywhere || loopback
                ? "localhost"
                : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return "http://" + host + ":" + httpPort;
    }

    /** System property first, then the environment variable MicroProfile Config would map it to. */
    private static String lookup(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            v = System.getenv(variable(key));
        }
        return v;
    }

    private static Path launcherDirectory() {
        try {
            Path jar = Path.of(ZenMoonLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return jar.getParent();
        } catch (URISyntaxException e) {
            return Path.of(".");
        }
    }
}
