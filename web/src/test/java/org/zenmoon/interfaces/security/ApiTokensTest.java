package org.zenmoon.interfaces.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token is accepted only with the right signature, algorithm, issuer, audience, time window and claims. */
class ApiTokensTest {

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

    @TempDir
    Path dir;

    final TestClock clock = new TestClock();
    SigningKey key;

    @BeforeEach
    void key() {
        key = new SigningKey();
        key.keyFile = dir.resolve("key.pem").toString();
        key.generate = true;
        key.load();
        assertThat(key.usable()).isTrue();
    }

    ApiTokens tokens(String audience) {
        ApiTokens t = new ApiTokens();
        t.key = key;
        t.issuer = "zenmoon";
        t.audience = audience;
        t.lifetimeSeconds = 3600;
        t.clockSkewSeconds = 30;
        t.clock = clock;
        return t;
    }

    ApiTokens tokens() {
        return tokens("zenmoon-api");
    }

    /** The claims a good token has, for the test to change one at a time. */
    JWTClaimsSet.Builder goodClaims() {
        Instant now = clock.now;
        return new JWTClaimsSet.Builder()
                .issuer("zenmoon")
                .audience("zenmoon-api")
                .subject("user-1")
                .claim("upn", "counsellor")
                .claim("groups", List.of("COUNSELLOR"))
                .claim("ver", 3)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key.privateKey()));
        return jwt.serialize();
    }

    @Test
    void anIssuedTokenIsAcceptedWithItsAccountGroupsAndVersion() {
        ApiTokens t = tokens();
        Optional<ApiTokens.Verified> v = t.verify(t.issue("user-1", "counsellor", List.of("COUNSELLOR"), 7));
        assertThat(v)
                .contains(new ApiTokens.Verified(
                        "user-1", "counsellor", Set.of("COUNSELLOR"), 7, Instant.parse("2026-12-02T10:00:00Z")));
    }

    @Test
    void aHandMadeGoodTokenIsAccepted() throws Exception {
        assertThat(tokens().verify(signed(goodClaims().build()))).isPresent();
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        String forOther = tokens("another-api").issue("user-1", "counsellor", List.of("COUNSELLOR"), 0);
        assertThat(tokens().verify(forOther)).isEmpty();
        assertThat(tokens().verify(signed(goodClaims().audience((String) null).build())))
                .as("no audience")
                .isEmpty();
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertThat(tokens().verify(signed(goodClaims().issuer("someone-else").build())))
                .isEmpty();
    }

    @Test
    void aTokenNotValidYetIsRefusedBeyondTheClockSkew() throws Exception {
        assertThat(tokens().verify(signed(goodClaims()
                        .notBeforeTime(Date.from(clock.now.plusSeconds(120)))
                        .build())))
                .as("nbf two minutes ahead")
                .isEmpty();
        assertThat(tokens().verify(signed(goodClaims()
                        .notBeforeTime(Date.from(clock.now.plusSeconds(10)))
                        .build())))
                .as("nbf within the skew")
                .isPresent();
        assertThat(tokens().verify(signed(goodClaims().notBeforeTime(null).build())))
                .as("no nbf")
                .isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        ApiTokens t = tokens();
        String token = t.issue("user-1", "counsellor", List.of("COUNSELLOR"), 0);
        clock.now = clock.now.plusSeconds(3600 + 20);
        assertThat(t.verify(token)).as("within the skew after expiry").isPresent();
        clock.now = clock.now.plusSeconds(60);
        assertThat(t.verify(token)).as("after expiry and skew").isEmpty();
    }

    @Test
    void aTamperedTokenIsRefused() {
        ApiTokens t = tokens();
        String[] parts =
                t.issue("user-1", "counsellor", List.of("COUNSELLOR"), 0).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String elevated = payload.replace("COUNSELLOR", "TENANT_ADMIN");
        assertThat(elevated).isNotEqualTo(payload);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(elevated.getBytes()) + "." + parts[2];
        assertThat(t.verify(tampered)).isEmpty();
        String badSignature =
                parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);
        assertThat(t.verify(badSignature)).isEmpty();
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        String none = new PlainJWT(goodClaims().build()).serialize();
        assertThat(tokens().verify(none)).as("alg none").isEmpty();

        // The classic confusion: HS256 keyed with the public key, which anyone may know.
        byte[] publicKey = key.publicKey().getEncoded();
        SignedJWT hmac =
                new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), goodClaims().build());
        hmac.sign(new MACSigner(publicKey));
        assertThat(tokens().verify(hmac.serialize())).as("HS256").isEmpty();
    }

    @Test
    void aTokenWithoutItsAccountsVersionIsRefused() throws Exception {
        assertThat(tokens().verify(signed(goodClaims().claim("ver", null).build())))
                .isEmpty();
        assertThat(tokens().verify("not.a.token")).isEmpty();
        assertThat(tokens().verify("")).isEmpty();
    }

    @Test
    void aKeyProblemIsReportedWithoutPathOrExceptionText() {
        SigningKey missing = new SigningKey();
        missing.keyFile = dir.resolve("secret-place/none.pem").toString();
        missing.generate = false;
        missing.load();
        assertThat(missing.usable()).isFalse();
        assertThat(missing.problem())
                .contains("token signing key unusable")
                .doesNotContain("secret-place")
                .doesNotContain("NoSuchFile");
        assertThat(tokens().verify(null)).isEmpty();
    }
}
