package org.zenmoon.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live unless threads are deadlocked: such a process cannot recover and should be restarted. */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        int n = deadlocked == null ? 0 : deadlocked.length;
        return HealthCheckResponse.named("threads")
                .withData("deadlocked", n)
                .status(n == 0)
                .build();
    }
}
