package org.zenmoon.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The launcher's settings. Each is read from a system property ({@code zenmoon.http.port}) or the matching
 * environment variable ({@code ZENMOON_HTTP_PORT}), as MicroProfile Config maps them inside the server.
 */
record Settings(Db externalDb, Path home, int httpPort, int embeddedDbPort, boolean demo, long demoSeed,
                String javaOpts, Path payaraJar, Path war, int startTimeoutSeconds) {

    static Settings fromEnvironment() {
        Path dist = launcherDirectory();
        String url = get("zenmoon.db.url", null);
        Db external = url == null ? null : new Db(url, get("zenmoon.db.user", ""), get("zenmoon.db.password", ""));
        return new Settings(
                external,
                Path.of(get("zenmoon.home", "var")).toAbsolutePath(),
                Integer.parseInt(get("zenmoon.http.port", "8080")),
                Integer.parseInt(get("zenmoon.embedded-db.port", "54329")),
                Boolean.parseBoolean(get("zenmoon.demo", "true")),
                Long.parseLong(get("zenmoon.demo.seed", "20261127")),
                get("zenmoon.server.java-opts", "-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
                Path.of(get("zenmoon.server.payara-jar", dist.resolve("payara-micro.jar").toString())),
                Path.of(get("zenmoon.server.war", dist.resolve("zenmoon.war").toString())),
                Integer.parseInt(get("zenmoon.server.start-timeout", "300")));
    }

    String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** System property first, then the environment variable MicroProfile Config would map it to. */
    static String get(String key, String fallback) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            v = System.getenv(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Path launcherDirectory() {
        try {
            Path jar = Path.of(ZenMoonLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent();
        } catch (URISyntaxException e) {
            return Path.of(".");
        }
    }
}
