package org.zenmoon.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Mosquitto (which .ci/run installs) on a port of its own, loopback only, with a configuration written into
 * the test work directory: anonymous clients, nothing kept across its own restarts.
 */
final class Mosquitto implements AutoCloseable {

    private static final Path STDBUF = Path.of("/usr/bin/stdbuf");

    private final Path dir;
    final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a broker on a free port. */
    static Mosquitto start(String name) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Mosquitto broker = new Mosquitto(LaunchedServer.WORK.resolve(name).toAbsolutePath(), port);
        broker.start();
        return broker;
    }

    /** The binary: on the PATH, or where Debian puts it (/usr/sbin is not on every user's PATH). */
    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mosquitto");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/sbin/mosquitto");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        throw new IllegalStateException("Mosquitto is not installed: apt-get install mosquitto (.ci/run does)");
    }

    /** The broker's log, where each packet it sends and receives is listed. */
    Path log() {
        return dir.resolve("mosquitto.log");
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts (or starts again, on the same port) and returns once it accepts connections. */
    synchronized void start() throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(
                conf,
                "listener " + port + " 127.0.0.1\n"
                        + "allow_anonymous true\n"
                        + "persistence false\n"
                        + "log_dest stdout\n"
                        // Every packet (types, ids and sizes; never a payload), for the backpressure test.
                        + "log_type all\n");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(STDBUF)) {
            // Its log line by line: stdout into a file is otherwise written a block at a time, and a test reading
            // the log would miss the last packets.
            cmd.addAll(List.of(STDBUF.toString(), "-oL"));
        }
        cmd.addAll(List.of(binary().toString(), "-c", conf.toString()));
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n"
                        + LaunchedServer.tail(dir.resolve("mosquitto.log"), 20));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                LaunchedServer.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("mosquitto did not listen on " + port + " in time");
    }

    /** Stops the broker as its service manager would. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
