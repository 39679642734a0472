package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an IT admin sees when a start cannot work: one line that names the cause, never a stack trace. */
class OperationsIT {

    @Test
    void aSecondStartOnTheSameDataSaysWhereTheFirstRuns() throws Exception {
        LaunchedServer first = SharedServer.get();
        LaunchedServer second = LaunchedServer.launch("shared", 18090, 54399, Map.of());
        assertThat(second.awaitExit(60)).as("exit code").isNotZero();
        assertThat(second.output().strip())
                .startsWith("zenmoon: ZenMoon is already running on http://localhost:" + first.port)
                .doesNotContain("Exception", "\tat ")
                .hasLineCount(1);
        assertThat(first.isAlive()).as("the first instance is left alone").isTrue();
    }

    @Test
    void aPortInUseIsNamedInOneLine() throws Exception {
        LaunchedServer shared = SharedServer.get();
        LaunchedServer other = LaunchedServer.launch("port-in-use", shared.port, 54398, Map.of());
        assertThat(other.awaitExit(60)).isNotZero();
        assertThat(other.output().strip())
                .isEqualTo("zenmoon: the HTTP port " + shared.port
                        + " is in use by another program; set ZENMOON_HTTP_PORT to a free port");
    }
}
