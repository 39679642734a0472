package org.zenmoon.application.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing with two counters, both over a window of {@code zenmoon.auth.lockout-seconds}:
 * <ul>
 * <li>per user name <em>and</em> client address: after {@code zenmoon.auth.max-failures} attempts without
 * success, that address may not try that user name until the window has passed. Keyed with the address so that
 * an attacker cannot lock a user out from everywhere: the user's own device, on another address, still logs in.
 * </li>
 * <li>per client address: after {@code zenmoon.auth.max-failures-per-address} attempts without success, the
 * address may try no user name at all, so one address cannot try many user names quickly. A successful log-in
 * does not clear it (an attacker's own account must not reset it), it only does not count.</li>
 * </ul>
 * Memory is bounded: each counter keeps at most {@code zenmoon.auth.max-tracked} entries, and under a flood the
 * least recently used go first. Per instance; a cluster would keep this in the shared JCache. Only
 * {@link Accounts#logIn} uses it, so every log-in path (API token, portal form) is throttled the same way.
 */
@ApplicationScoped
public class LoginThrottle {

    private record Window(int count, Instant since) {}

    private record UserAt(String username, String address) {}

    @Inject
    @ConfigProperty(name = "zenmoon.auth.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "zenmoon.auth.max-failures-per-address", defaultValue = "20")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "zenmoon.auth.lockout-seconds", defaultValue = "300")
    long lockoutSeconds;

    @Inject
    @ConfigProperty(name = "zenmoon.auth.max-tracked", defaultValue = "10000")
    int maxTracked;

    @Inject
    Clock clock;

    private final Map<UserAt, Window> perUser = new Lru<>(() -> maxTracked);
    private final Map<String, Window> perAddress = new Lru<>(() -> maxTracked);

    /** Forgets the least recently used entry beyond its limit (read when it grows, so after injection). */
    private static final class Lru<K> extends LinkedHashMap<K, Window> {
        private static final long serialVersionUID = 1L;
        private final transient IntSupplier limit;

        Lru(IntSupplier limit) {
            super(256, 0.75f, true);
            this.limit = limit;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Window> eldest) {
            return size() > limit.getAsInt();
        }
    }

    /**
     * Records an attempt for this user name from this address and says whether it may go ahead: 0 if so,
     * otherwise the seconds until it may. Counting and checking are one atomic step, so parallel guesses cannot
     * slip past the limit; a successful log-in clears the user's count ({@link #succeeded}).
     */
    public synchronized long attempt(String username, String address) {
        Instant now = clock.instant();
        UserAt user = new UserAt(key(username), key(address));
        Window byUser = active(perUser.get(user), now);
        Window byAddress = active(perAddress.get(user.address()), now);
        long wait = Math.max(wait(byUser, maxFailures, now), wait(byAddress, maxFailuresPerAddress, now));
        if (wait > 0) {
            return wait;
        }
        perUser.put(user, next(byUser, now));
        perAddress.put(user.address(), next(byAddress, now));
        return 0;
    }

    /** The attempt succeeded: the user's count from this address starts again, and it does not count for the address. */
    public synchronized void succeeded(String username, String address) {
        UserAt user = new UserAt(key(username), key(address));
        perUser.remove(user);
        perAddress.computeIfPresent(
                user.address(), (k, w) -> w.count() <= 1 ? null : new Window(w.count() - 1, w.since()));
    }

    /** How many counters are kept (both kinds): bounded by twice {@code zenmoon.auth.max-tracked}. */
    synchronized int tracked() {
        return perUser.size() + perAddress.size();
    }

    private Window active(Window w, Instant now) {
        return w == null || w.since().plusSeconds(lockoutSeconds).isBefore(now) ? null : w;
    }

    private long wait(Window w, int max, Instant now) {
        if (w == null || w.count() < max) {
            return 0;
        }
        return Math.max(
                1, Duration.between(now, w.since().plusSeconds(lockoutSeconds)).toSeconds());
    }

    private static Window next(Window w, Instant now) {
        return w == null ? new Window(1, now) : new Window(w.count() + 1, w.since());
    }

    private static String key(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
