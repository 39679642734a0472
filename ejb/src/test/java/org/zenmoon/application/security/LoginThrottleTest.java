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

    LoginThrottle throttle() {
        LoginThrottle t = new LoginThrottle();
        t.maxFailures = 5;
        t.lockoutSeconds = 300;
        t.clock = clock;
        return t;
    }

    @Test
    void theSixthAttemptWithinTheWindowWaitsForTheWindowToPass() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 5; i++) {
            assertThat(t.attempt("counsellor")).as("attempt %d", i + 1).isZero();
        }
        clock.now = clock.now.plus(Duration.ofSeconds(100));
        assertThat(t.attempt("COUNSELLOR"))
                .as("user names are not case-sensitive")
                .isEqualTo(200);
        assertThat(t.attempt("someone.else")).isZero();

        clock.now = clock.now.plus(Duration.ofSeconds(201));
        assertThat(t.attempt("counsellor")).as("after the window").isZero();
    }

    @Test
    void aSuccessfulLogInClearsTheCount() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 4; i++) {
            t.attempt("parent");
        }
        t.succeeded("parent");
        for (int i = 0; i < 5; i++) {
            assertThat(t.attempt("parent")).isZero();
        }
        assertThat(t.attempt("parent")).isPositive();
    }
}
