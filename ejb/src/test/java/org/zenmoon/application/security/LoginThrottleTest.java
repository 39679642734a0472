package org.zenmoon.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Password guessing is slowed per user name, for a window of time that the test moves through. */
class LoginThrottleTest {

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-02T09:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final TestClock clock = new TestClock();

    static final String HOME = "192.0.2.10";
    static final String ATTACKER = "198.51.100.66";

    LoginThrottle throttle() {
        LoginThrottle t = new LoginThrottle();
        t.maxFailures = 5;
        t.maxFailuresPerAddress = 20;
        t.lockoutSeconds = 300;
        t.maxTracked = 10_000;
        t.clock = clock;
        return t;
    }

    @Test
    void theSixthAttemptWithinTheWindowWaitsForTheWindowToPass() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 5; i++) {
            assertThat(t.attempt("counsellor", ATTACKER))
                    .as("attempt %d", i + 1)
                    .isZero();
        }
        clock.now = clock.now.plus(Duration.ofSeconds(100));
        assertThat(t.attempt("COUNSELLOR", ATTACKER))
                .as("user names are not case-sensitive")
                .isEqualTo(200);
        assertThat(t.attempt("someone.else", ATTACKER)).isZero();

        clock.now = clock.now.plus(Duration.ofSeconds(201));
        assertThat(t.attempt("counsellor", ATTACKER)).as("after the window").isZero();
    }

    @Test
    void anAttackerCannotLockTheUserOutOfTheirOwnAddress() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 5; i++) {
            t.attempt("counsellor", ATTACKER);
        }
        assertThat(t.attempt("counsellor", ATTACKER))
                .as("the attacker's address")
                .isPositive();
        assertThat(t.attempt("counsellor", HOME))
                .as("the same user from their own address")
                .isZero();
    }

    @Test
    void oneAddressCannotTryManyUserNames() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 20; i++) {
            assertThat(t.attempt("user." + i, ATTACKER)).as("user %d", i).isZero();
        }
        assertThat(t.attempt("user.20", ATTACKER))
                .as("a 21st user name from the same address")
                .isEqualTo(300);
        assertThat(t.attempt("counsellor", ATTACKER)).isPositive();
        assertThat(t.attempt("user.20", HOME)).as("another address").isZero();

        clock.now = clock.now.plus(Duration.ofSeconds(301));
        assertThat(t.attempt("user.21", ATTACKER)).as("after the window").isZero();
    }

    @Test
    void aSuccessfulLogInClearsTheUsersCountButNotTheAddresss() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 4; i++) {
            t.attempt("parent", HOME);
        }
        t.attempt("parent", HOME);
        t.succeeded("parent", HOME);
        for (int i = 0; i < 5; i++) {
            assertThat(t.attempt("parent", HOME)).isZero();
        }
        assertThat(t.attempt("parent", HOME)).isPositive();

        // An attacker's own account logging in between guesses does not reset the address's count.
        LoginThrottle u = throttle();
        for (int i = 0; i < 19; i++) {
            u.attempt("victim." + i, ATTACKER);
        }
        u.attempt("attacker", ATTACKER);
        u.succeeded("attacker", ATTACKER);
        assertThat(u.attempt("victim.19", ATTACKER)).as("20th failure").isZero();
        assertThat(u.attempt("victim.20", ATTACKER)).as("21st").isPositive();
    }

    @Test
    void aFloodOfUserNamesAndAddressesKeepsMemoryBounded() {
        LoginThrottle t = throttle();
        t.maxTracked = 1_000;
        for (int i = 0; i < 50_000; i++) {
            t.attempt("user-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(t.tracked()).isLessThanOrEqualTo(2_000).isGreaterThanOrEqualTo(1_000);
        // The newest entries are kept: the last address is still counted.
        for (int i = 1; i < 5; i++) {
            t.attempt("user-49999", "10.0.199.249");
        }
        assertThat(t.attempt("user-49999", "10.0.199.249")).isPositive();
    }
}
