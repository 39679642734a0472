package org.zenmoon.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceTokenTest {

    static final String SECRET = "s3cr3t-s3cr3t-s3cr3t_0123";

    @Test
    void partsComeFromTheToken() {
        DeviceToken t = DeviceToken.parse("zmd.tenant-a.dev-1." + SECRET).orElseThrow();
        assertThat(t.tenantId()).isEqualTo("tenant-a");
        assertThat(t.deviceId()).isEqualTo("dev-1");
        assertThat(t.secret()).isEqualTo(SECRET);
        assertThat(t.toString()).doesNotContain(SECRET);
    }

    @Test
    void otherShapesAreNoToken() {
        assertThat(DeviceToken.parse(null)).isEmpty();
        assertThat(DeviceToken.parse("")).isEmpty();
        assertThat(DeviceToken.parse("zmd.tenant-a.dev-1")).isEmpty();
        assertThat(DeviceToken.parse("zmd.tenant-a.dev-1.short")).isEmpty();
        assertThat(DeviceToken.parse("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isEmpty();
        assertThat(DeviceToken.parse("zmd.tenant a.dev-1." + SECRET)).isEmpty();
        assertThat(DeviceToken.parse("zmd.tenant-a.dev-1." + SECRET + "\n")).isEmpty();
    }

    /** The stored form: sha256: and the lower-case hex digest of the secret (here, of "abc" per FIPS 180-2). */
    @Test
    void theHashIsSha256HexOfTheSecret() {
        DeviceToken abc = new DeviceToken("t", "d", "abc");
        assertThat(abc.hash()).isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(abc.matches(abc.hash())).isTrue();
        assertThat(abc.matches(new DeviceToken("t", "d", "abd").hash())).isFalse();
        assertThat(abc.matches(null)).isFalse();
    }
}
