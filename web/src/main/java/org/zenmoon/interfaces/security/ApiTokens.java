package org.zenmoon.interfaces.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and checks the API's bearer tokens: RS256-signed JWTs with the MicroProfile JWT claims
 * ({@code iss}, {@code aud}, {@code sub}, {@code upn}, {@code groups}, {@code iat}, {@code nbf}, {@code exp},
 * {@code jti}) and {@code ver}, the account's token version when the token was issued. Whether that version is
 * still the account's is for {@code Accounts.callerWithToken} to say, per request.
 */
@ApplicationScoped
public class ApiTokens {

    /**
     * A token that passed every check: its account's id ({@code sub}), name ({@code upn}), groups, version and
     * expiry ({@code exp}).
     */
    public record Verified(String userId, String username, Set<String> groups, int tokenVersion, Instant expiresAt) {}

    static final String VERSION_CLAIM = "ver";

    @Inject
    SigningKey key;

    @Inject
    @ConfigProperty(name = "zenmoon.jwt.issuer", defaultValue = "zenmoon")
    String issuer;

    @Inject
    @ConfigProperty(name = "zenmoon.jwt.audience", defaultValue = "zenmoon-api")
    String audience;

    @Inject
    @ConfigProperty(name = "zenmoon.jwt.lifetime-seconds", defaultValue = "3600")
    long lifetimeSeconds;

    /** How far the clocks of issuer and verifier may disagree, for {@code nbf} and {@code exp}. */
    @Inject
    @ConfigProperty(name = "zenmoon.jwt.clock-skew-seconds", defaultValue = "30")
    int clockSkewSeconds;

    @Inject
    Clock clock;

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public String issue(String userId, String username, Collection<String> groups, int tokenVersion) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId)
                .claim("upn", username)
                .claim("groups", List.copyOf(groups))
                .claim(VERSION_CLAIM, tokenVersion)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return jwt.serialize();
    }

    /**
     * Signature and algorithm (RS256 only, so neither {@code none} nor an HMAC keyed with the public key passes),
     * issuer, audience, expiry and not-before (each with the configured clock skew) and the presence of every
     * claim are checked by Nimbus's JWT processor; anything wrong gives empty.
     */
    public Optional<Verified> verify(String token) {
        if (!key.usable() || token == null) {
            return Optional.empty();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, key.publicKey()));
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier =
                // Mutable sets: Payara's own Nimbus (which the server uses) asks them whether they contain null.
                new DefaultJWTClaimsVerifier<>(
                        new HashSet<>(List.of(audience)),
                        new JWTClaimsSet.Builder().issuer(issuer).build(),
                        new HashSet<>(List.of("sub", "upn", "groups", "exp", "nbf", "iat", VERSION_CLAIM)),
                        new HashSet<>()) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claimsVerifier.setMaxClockSkew(clockSkewSeconds);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        try {
            JWTClaimsSet claims = processor.process(token, null);
            String upn = claims.getStringClaim("upn");
            List<String> groups = claims.getStringListClaim("groups");
            Integer version = claims.getIntegerClaim(VERSION_CLAIM);
            if (upn == null || groups == null || version == null) {
                return Optional.empty();
            }
            return Optional.of(new Verified(
                    claims.getSubject(),
                    upn,
                    Set.copyOf(groups),
                    version,
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
