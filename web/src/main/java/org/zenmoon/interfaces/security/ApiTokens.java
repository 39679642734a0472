package org.zenmoon.interfaces.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and checks the API's bearer tokens: RS256-signed JWTs with the MicroProfile JWT claims
 * ({@code iss}, {@code sub}, {@code upn}, {@code groups}, {@code iat}, {@code exp}, {@code jti}).
 */
@ApplicationScoped
public class ApiTokens {

    /** A token that passed every check. */
    /** A token that passed every check: its account's id ({@code sub}), name ({@code upn}) and groups. */
    public record Verified(String userId, String username, Set<String> groups) {}

    @Inject
    SigningKey key;

    @Inject
    @ConfigProperty(name = "zenmoon.jwt.issuer", defaultValue = "zenmoon")
    String issuer;

    @Inject
    @ConfigProperty(name = "zenmoon.jwt.lifetime-seconds", defaultValue = "3600")
    long lifetimeSeconds;

    @Inject
    Clock clock;

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public String issue(String userId, String username, Collection<String> groups) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .claim("upn", username)
                .claim("groups", List.copyOf(groups))
                .issueTime(Date.from(now))
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

    /** Signature, algorithm, issuer and expiry are all checked; anything wrong gives empty. */
    public Optional<Verified> verify(String token) {
        if (!key.usable()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(key.publicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            String upn = claims.getStringClaim("upn");
            String sub = claims.getSubject();
            List<String> groups = claims.getStringListClaim("groups");
            if (!issuer.equals(claims.getIssuer())
                    || exp == null
                    || !exp.toInstant().isAfter(clock.instant())
                    || upn == null
                    || sub == null
                    || groups == null) {
                return Optional.empty();
            }
            return Optional.of(new Verified(sub, upn, Set.copyOf(groups)));
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
