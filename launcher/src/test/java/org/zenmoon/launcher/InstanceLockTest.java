package org.zenmoon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second ZenMoon on the same data is refused with the address of the first. */
class InstanceLockTest {

    @Test
    void aSecondInstanceIsToldWhereTheFirstRuns(@TempDir Path home) {
        InstanceLock first = InstanceLock.acquire(home, 8123);
        try {
            assertThatThrownBy(() -> InstanceLock.acquire(home, 8124))
                    .isInstanceOf(ZenMoonLauncher.LaunchException.class)
                    .hasMessageStartingWith("ZenMoon is already running on http://localhost:8123");
        } finally {
            first.release();
        }
        InstanceLock again = InstanceLock.acquire(home, 8125);
        assertThat(home.resolve("zenmoon.lock")).content().isEqualToIgnoringNewLines("8125");
        again.release();
    }
}
