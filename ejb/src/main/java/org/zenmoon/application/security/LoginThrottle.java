package org.zenmoon.application.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after {@code zenmoon.auth.max-failures} log-in attempts without success for one
 * user name within {@code zenmoon.auth.lockout-seconds}, further attempts are refused until the window has
 * passed.
 * Per instance; a cluster would keep this in the shared JCache. Only {@link Accounts#logIn} uses it, so every
 * log-in path (API token, portal form) is throttled the same way.
 */
@ApplicationScoped
public class LoginThrottle {

    private record Failures(int count, Instant since) {}

    private static final int MAX_TRACKED = 10_000;

    @Inject
    @ConfigProperty(name = "zenmoon.auth.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "zenmoon.auth.lockout-seconds", defaultValue = "300")
    long lockoutSeconds;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    /**
     * Records an attempt for this user name and says whether it may go ahead: 0 if so, otherwise the seconds
     * until it may. Counting and checking are one atomic step, so parallel guesses cannot slip past the limit;
     * a successful log-in clears the count ({@link #succeeded}).
     */
    public long attempt(String username) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            // Guessing across many user names must not grow this map without bound.
            failures.values()
                    .removeIf(f -> f.since().plusSeconds(lockoutSeconds).isBefore(now));
        }
        long[] wait = {0};
        failures.compute(key(username), (k, old) -> {
            if (old == null || old.since().plusSeconds(lockoutSeconds).isBefore(now)) {
                return new Failures(1, now);
            }
            if (old.count() >= maxFailures) {
                wait[0] = Math.max(
                        1,
                        Duration.between(now, old.since().plusSeconds(lockoutSeconds))
                                .toSeconds());
                return old;
            }
            return new Failures(old.count() + 1, old.since());
        });
        return wait[0];
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
