package org.zenmoon.interfaces.security;

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
 * Slows password guessing: after {@code zenmoon.auth.max-failures} failed log-ins for one user name within
 * {@code zenmoon.auth.lockout-seconds}, further attempts are refused until the window has passed.
 * Per instance; a cluster would keep this in the shared JCache.
 */
@ApplicationScoped
public class LoginThrottle {

    private record Failures(int count, Instant since) {
    }

    private static final int MAX_TRACKED = 10_000;

    @Inject
    @ConfigProperty(name = "zenmoon.auth.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "zenmoon.auth.lockout-seconds", defaultValue = "300")
    long lockoutSeconds;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** Seconds until the next attempt is allowed, or 0. */
    public long retryAfterSeconds(String username) {
        Failures f = failures.get(key(username));
        if (f == null || f.count() < maxFailures) {
            return 0;
        }
        long left = Duration.between(clock.instant(), f.since().plusSeconds(lockoutSeconds)).toSeconds();
        if (left <= 0) {
            failures.remove(key(username));
            return 0;
        }
        return left;
    }

    public void failed(String username) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            // Guessing across many user names must not grow this map without bound.
            failures.values().removeIf(f -> f.since().plusSeconds(lockoutSeconds).isBefore(now));
        }
        failures.merge(key(username), new Failures(1, now), (old, one) ->
                old.since().plusSeconds(lockoutSeconds).isBefore(now) ? one : new Failures(old.count() + 1, old.since()));
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
