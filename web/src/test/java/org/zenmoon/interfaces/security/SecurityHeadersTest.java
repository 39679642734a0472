package org.zenmoon.interfaces.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void thePhoneAppMayLoadItsOwnFilesAndTheApiButNothingInlineOrForeign() {
        String app = SecurityHeaders.policy("/app/index.html");
        assertThat(app).contains("script-src 'self';", "connect-src 'self';", "worker-src 'self';");
        assertThat(app).doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(SecurityHeaders.policy("/app")).isEqualTo(app);
    }

    @Test
    void pathsThatOnlyLookLikeTheAppAndTheApiLoadNothing() {
        assertThat(SecurityHeaders.policy("/application")).isEqualTo(SecurityHeaders.API_POLICY);
        assertThat(SecurityHeaders.policy("/api/v1/children")).isEqualTo(SecurityHeaders.API_POLICY);
        assertThat(SecurityHeaders.policy(null)).isEqualTo(SecurityHeaders.API_POLICY);
        assertThat(SecurityHeaders.policy("/login.xhtml")).isEqualTo(SecurityHeaders.PAGE_POLICY);
    }
}
