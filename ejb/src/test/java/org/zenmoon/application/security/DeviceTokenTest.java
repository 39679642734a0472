package org.zenmoon.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The device token's format, its hash, and what the parser refuses. */
class DeviceTokenTest {

    static final String TENANT = "6f1c2a4e-0d3b-4c55-9a7e-1b2c3d4e5f60";
    static final String DEVICE = "0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d";

    @Test
    void aTokenNamesItsTenantAndDeviceAndCarries32RandomBytes() {
        DeviceToken token = DeviceToken.issue(TENANT, DEVICE);
        String value = token.value();
        assertThat(value).startsWith("zmd." + TENANT + "." + DEVICE + ".");
        String secret = value.substring(("zmd." + TENANT + "." + DEVICE + ".").length());
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(DeviceToken.parse(value)).contains(token);
    }

    @Test
    void everyTokenHasASecretOfItsOwn() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(DeviceToken.issue(TENANT, DEVICE).secret());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void theStoredHashIsSha256OfTheSecretAndNeverTheSecret() throws Exception {
        DeviceToken token = DeviceToken.issue(TENANT, DEVICE);
        String expected = "sha256:"
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(token.secret().getBytes(StandardCharsets.US_ASCII)));
        assertThat(token.hash()).isEqualTo(expected).doesNotContain(token.secret());
        assertThat(token.hash()).hasSize("sha256:".length() + 64);
        assertThat(token.toString()).doesNotContain(token.secret());
    }

    @Test
    void onlyTheSameSecretMatchesTheStoredHash() {
        DeviceToken token = DeviceToken.issue(TENANT, DEVICE);
        DeviceToken other = DeviceToken.issue(TENANT, DEVICE);
        assertThat(token.matches(token.hash())).isTrue();
        assertThat(DeviceToken.parse(token.value()).orElseThrow().matches(token.hash()))
                .isTrue();
        assertThat(other.matches(token.hash())).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(token.secret()))
                .as("the secret itself is not its hash")
                .isFalse();
    }

    @Test
    void onlyWellFormedDeviceTokensParse() {
        String good = DeviceToken.issue(TENANT, DEVICE).value();
        String secret = good.substring(good.lastIndexOf('.') + 1);
        assertThat(DeviceToken.parse(good)).isPresent();
        assertThat(DeviceToken.parse(null)).isEmpty();
        assertThat(DeviceToken.parse("")).isEmpty();
        assertThat(DeviceToken.parse("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .as("a JWT")
                .isEmpty();
        assertThat(DeviceToken.parse("zmd." + TENANT + "." + DEVICE))
                .as("no secret")
                .isEmpty();
        assertThat(DeviceToken.parse(good + ".")).as("a fifth part").isEmpty();
        assertThat(DeviceToken.parse(good.substring(0, good.length() - 1)))
                .as("a short secret")
                .isEmpty();
        assertThat(DeviceToken.parse(good + "A")).as("a long secret").isEmpty();
        assertThat(DeviceToken.parse("zmd." + TENANT + "." + DEVICE + "." + secret.replace(secret.charAt(0), '+')))
                .as("base64 that is not url-safe")
                .isEmpty();
        assertThat(DeviceToken.parse("zmd.." + DEVICE + "." + secret))
                .as("no tenant")
                .isEmpty();
        assertThat(DeviceToken.parse("zmd." + "t".repeat(37) + "." + DEVICE + "." + secret))
                .as("a tenant id longer than the schema keeps")
                .isEmpty();
        assertThat(DeviceToken.parse("zmd.ten'ant." + DEVICE + "." + secret))
                .as("a quote in the tenant")
                .isEmpty();
        assertThat(DeviceToken.parse("ZMD." + TENANT + "." + DEVICE + "." + secret))
                .as("another prefix")
                .isEmpty();
    }

    @Test
    void issuingRefusesIdsThatWouldBreakTheFormat() {
        assertThatThrownBy(() -> DeviceToken.issue("a.b", DEVICE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceToken.issue(TENANT, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
