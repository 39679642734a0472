package org.zenmoon.infrastructure.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one place that reads the system's time: everything that needs "now" injects a {@link Clock}, which tests
 * replace with a fixed one.
 */
@ApplicationScoped
public class SystemClock {

    private static final Clock UTC = Clock.systemUTC();

    @Produces
    Clock clock() {
        return UTC;
    }
}
