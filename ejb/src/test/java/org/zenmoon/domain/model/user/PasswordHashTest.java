package org.zenmoon.domain.model.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void rightPasswordVerifiesAndWrongOneDoesNot() {
        String stored = PasswordHash.hash("correct horse".toCharArray(), 1000);
        assertThat(PasswordHash.verify("correct horse".toCharArray(), stored)).isTrue();
        assertThat(PasswordHash.verify("correct horsf".toCharArray(), stored)).isFalse();
        assertThat(PasswordHash.verify("".toCharArray(), stored)).isFalse();
    }

    @Test
    void samePasswordGetsDifferentSaltsAndStoresItsCost() {
        String a = PasswordHash.hash("demo".toCharArray());
        String b = PasswordHash.hash("demo".toCharArray());
        assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256$" + PasswordHash.DEFAULT_ITERATIONS + "$");
        assertThat(PasswordHash.verify("demo".toCharArray(), a)).isTrue();
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(PasswordHash.verify("demo".toCharArray(), null)).isFalse();
        assertThat(PasswordHash.verify("demo".toCharArray(), "demo")).isFalse();
        assertThat(PasswordHash.verify("demo".toCharArray(), "md5$1$abc$def")).isFalse();
        assertThat(PasswordHash.verify("demo".toCharArray(), "pbkdf2-sha256$x$abc$def"))
                .isFalse();
        assertThat(PasswordHash.verify("demo".toCharArray(), "pbkdf2-sha256$10$!!$??"))
                .isFalse();
    }

    @Test
    void newHashesUseOwaspsIterationsAndOlderOnesAreMarkedForRehashing() {
        assertThat(PasswordHash.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        String old = PasswordHash.hash("demo".toCharArray(), 120_000);
        assertThat(PasswordHash.verify("demo".toCharArray(), old))
                .as("a stored hash with fewer iterations still verifies")
                .isTrue();
        assertThat(PasswordHash.needsRehash(old)).isTrue();
        assertThat(PasswordHash.needsRehash(PasswordHash.hash("demo".toCharArray())))
                .isFalse();
        assertThat(PasswordHash.needsRehash("pbkdf2-sha256$x$abc$def")).isFalse();
        assertThat(PasswordHash.needsRehash(null)).isFalse();
    }
}
