package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Stopping and starting the run command keeps the data and does not seed the demo a second time. */
class RestartIT {

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void restartKeepsDataWithoutSeedingTwice() throws Exception {
        LaunchedServer first = SharedServer.get();
        Http before = new Http(first.baseUrl());
        int childrenBefore = before.get("/api/v1/children", before.token("school.admin"))
                .json()
                .asJsonArray()
                .size();
        assertThat(Files.isDirectory(first.home.resolve("pgdata"))).isTrue();

        LaunchedServer second = SharedServer.restart();
        assertThat(second.output())
                .contains("already has data; no demo data added")
                .doesNotContain("demo data created");
        Http after = new Http(second.baseUrl());
        assertThat(after.get("/health/ready", null).status()).isEqualTo(200);
        assertThat(after.get("/api/v1/children", after.token("school.admin"))
                        .json()
                        .asJsonArray())
                .hasSize(childrenBefore);

        // The JVM reports termination by a signal as 128 + signal number, after its shutdown hooks ran.
        assertThat(second.stop()).as("exit code after SIGTERM").isEqualTo(143);
        assertThat(second.output()).contains("stopping Payara Micro", "stopping embedded PostgreSQL");
        assertThat(portOpen(SharedServer.PORT)).as("HTTP port closed").isFalse();
        assertThat(portOpen(SharedServer.DB_PORT)).as("database port closed").isFalse();
    }
}
