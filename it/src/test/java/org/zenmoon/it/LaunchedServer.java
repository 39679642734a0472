package org.zenmoon.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The README's run command, started as a user would start it, with its output kept in a file. */
final class LaunchedServer implements AutoCloseable {

    static final Path LAUNCHER =
            Path.of(System.getProperty("zenmoon.launcher.jar", "../launcher/target/zenmoon-launcher.jar"));
    static final Path WORK = Path.of(System.getProperty("zenmoon.it.work", "target/it-work"));

    private final Process process;
    private final Path output;
    final int port;
    final Path home;

    private LaunchedServer(Process process, Path output, int port, Path home) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.home = home;
    }

    /** Starts the launcher on a new, empty home and returns once it has printed that ZenMoon is ready. */
    static LaunchedServer start(String name, int port, int embeddedDbPort, Map<String, String> env) throws IOException {
        Path home = WORK.resolve(name).toAbsolutePath();
        if (Files.exists(home)) {
            try (var files = Files.walk(home)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return startOn(name, port, embeddedDbPort, env);
    }

    /** Starts the launcher on the home a previous start left, as a user restarting it would. */
    static LaunchedServer startOn(String name, int port, int embeddedDbPort, Map<String, String> env)
            throws IOException {
        LaunchedServer server = launch(name, port, embeddedDbPort, env);
        server.awaitReady();
        return server;
    }

    /** Starts the launcher on the named home and returns at once. */
    static LaunchedServer launch(String name, int port, int embeddedDbPort, Map<String, String> env)
            throws IOException {
        Path home = WORK.resolve(name).toAbsolutePath();
        Files.createDirectories(home);
        Path output = home.resolve("launcher-" + System.nanoTime() + ".out");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                LAUNCHER.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ZENMOON_"));
        pb.environment().put("ZENMOON_HOME", home.toString());
        pb.environment().put("ZENMOON_HTTP_PORT", String.valueOf(port));
        pb.environment().put("ZENMOON_EMBEDDED_DB_PORT", String.valueOf(embeddedDbPort));
        pb.environment().putAll(env);
        return new LaunchedServer(pb.start(), output, port, home);
    }

    /** Waits for a launcher that is expected to give up, and returns its exit code. */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("the launcher was still running after " + seconds + " s");
        }
        return process.exitValue();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(420);
        while (System.nanoTime() < deadline) {
            String out = output();
            if (out.contains("ZenMoon is ready.")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("launcher exited with " + process.exitValue() + ":\n" + out
                        + "\n--- server log tail ---\n" + tail(home.resolve("payara-micro.log"), 80));
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("launcher not ready in time:\n" + output());
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Stops it as Ctrl-C would, and returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /** The command lines of the processes the launcher started (Payara Micro, PostgreSQL): anybody can read them. */
    List<String> childCommandLines() {
        return process.descendants().map(p -> p.info().commandLine().orElse("")).toList();
    }

    /** The Payara Micro process the launcher started. */
    private ProcessHandle payara() {
        return process.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Payara Micro process"));
    }

    /**
     * A crash of the application server: SIGKILL to Payara Micro alone, with no shutdown hook, no drain and no
     * flush, as the kernel's out-of-memory killer would end it; PostgreSQL keeps running. The launcher then stops
     * its embedded database and exits; this waits for that and returns the launcher's exit code.
     */
    int killServerHard() throws InterruptedException {
        ProcessHandle payara = payara();
        if (!payara.destroyForcibly()) {
            throw new IllegalStateException("SIGKILL to Payara Micro " + payara.pid() + " was not sent");
        }
        try {
            payara.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Payara Micro " + payara.pid() + " survived SIGKILL", e);
        }
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("the launcher kept running for 90 s after its server died");
        }
        return process.exitValue();
    }

    /** The environment of the Payara Micro process, as its user (and only its user) can read it. */
    String serverEnvironment() throws IOException {
        ProcessHandle payara = payara();
        return new String(
                        Files.readAllBytes(Path.of("/proc", String.valueOf(payara.pid()), "environ")),
                        StandardCharsets.UTF_8)
                .replace('\0', '\n');
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
