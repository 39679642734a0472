package org.zenmoon.domain.model.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An admin setting a password learns which rule it breaks, and the answer never repeats the password. */
class PasswordPolicyTest {

    static String problem(String username, String password) {
        return PasswordPolicy.problem(username, password).orElse("acceptable");
    }

    @Test
    void aLongUnusualPassphraseIsAcceptable() {
        assertThat(problem("new.counsellor", "violet kettle on the moor")).isEqualTo("acceptable");
        assertThat(problem("new.counsellor", "x".repeat(11) + "y")).isEqualTo("acceptable");
        assertThat(problem("new.counsellor", "ab".repeat(64))).isEqualTo("acceptable");
    }

    @Test
    void tooShortOrTooLongIsRefusedWithTheLimit() {
        assertThat(problem("u.name", null)).isEqualTo("must be given");
        assertThat(problem("u.name", "")).isEqualTo("must be given");
        assertThat(problem("u.name", "eleven-char")).isEqualTo("must be at least 12 characters long");
        assertThat(problem("u.name", "ab".repeat(64) + "c")).isEqualTo("must be at most 128 characters long");
        // Characters, not UTF-16 units: twelve emoji are twelve characters.
        assertThat(problem("u.name", "\uD83C\uDF19".repeat(11))).isEqualTo("must be at least 12 characters long");
        assertThat(problem("u.name", "\uD83C\uDF19".repeat(6) + "\uD83C\uDF1A".repeat(6)))
                .isEqualTo("acceptable");
    }

    @Test
    void theUserNameInsideThePasswordIsRefusedRegardlessOfCase() {
        assertThat(problem("counsellor", "my-COUNSELLOR-pass")).isEqualTo("must not contain the user name");
        assertThat(problem("Hill.Admin", "hill.admin2026!")).isEqualTo("must not contain the user name");
    }

    @Test
    void commonAndTrivialPasswordsAreRefused() {
        assertThat(problem("u.name", "Password1234")).isEqualTo("is one of the most common passwords; choose another");
        assertThat(problem("u.name", "qwerty123456")).isEqualTo("is one of the most common passwords; choose another");
        assertThat(problem("u.name", "aaaaaaaaaaaaaa")).isEqualTo("must not be one character repeated");
    }

    @Test
    void controlCharactersAreRefusedAndTheAnswerNeverQuotesThePassword() {
        String secret = "violet\u0000kettle moor";
        String answer = problem("u.name", secret);
        assertThat(answer).isEqualTo("must not contain control characters");
        for (String password : new String[] {secret, "violet-kettle", "qwerty123456", "u.name-is-me-really"}) {
            assertThat(problem("u.name", password)).doesNotContain(password);
        }
    }
}
