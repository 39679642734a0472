package org.zenmoon.application.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A paired device's token: {@code zmd.<tenantId>.<deviceId>.<secret>}, the secret 32 bytes from {@link SecureRandom}
 * in base64url without padding. The tenant and device ids in clear let the entry point bind the device's tenant
 * before it looks the device up (row-level security shows no row without one); only the secret proves anything.
 *
 * <p>The server keeps {@code sha256:<hex>} of the secret, never the secret. A slow password hash (PBKDF2, as for
 * passwords) defends secrets a person chose, which an attacker with the hash could guess; 256 random bits cannot be
 * guessed, so one SHA-256 is as safe here and costs microseconds on each upload instead of a second of CPU.
 * Comparison is in constant time ({@link MessageDigest#isEqual}).
 */
public record DeviceToken(String tenantId, String deviceId, String secret) {

    /** What every device token starts with, so that the entry point tells it from a JWT at a glance. */
    public static final String PREFIX = "zmd.";

    static final String HASH_PREFIX = "sha256:";
    private static final int SECRET_BYTES = 32;
    /** 32 bytes in base64url without padding. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Ids as the schema keeps them (at most 36 characters), without the separator. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token for the device, with a fresh secret. */
    public static DeviceToken issue(String tenantId, String deviceId) {
        if (!ID.matcher(tenantId).matches() || !ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("not an id a token can carry");
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new DeviceToken(
                tenantId, deviceId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Whether a bearer token is meant as a device token (it may still be malformed). */
    public static boolean isDeviceToken(String bearer) {
        return bearer != null && bearer.startsWith(PREFIX);
    }

    /** The token's parts, if it has the shape of a device token; says nothing about whether it is valid. */
    public static Optional<DeviceToken> parse(String bearer) {
        if (!isDeviceToken(bearer) || bearer.length() > 200) {
            return Optional.empty();
        }
        String[] parts = bearer.split("\\.", -1);
        if (parts.length != 4
                || !ID.matcher(parts[1]).matches()
                || !ID.matcher(parts[2]).matches()
                || !SECRET.matcher(parts[3]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceToken(parts[1], parts[2], parts[3]));
    }

    /** The token as the device sends it. */
    public String value() {
        return PREFIX + tenantId + "." + deviceId + "." + secret;
    }

    /** What the server stores: {@code sha256:} and the hex digest of the secret. */
    public String hash() {
        try {
            return HASH_PREFIX
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform has SHA-256.
            throw new IllegalStateException(e);
        }
    }

    /** Whether this token's secret is the one whose hash was stored; in constant time. */
    public boolean matches(String storedHash) {
        return storedHash != null
                && MessageDigest.isEqual(
                        hash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Never the secret: a token that reaches a log by mistake gives nothing away. */
    @Override
    public String toString() {
        return "DeviceToken[tenantId=" + tenantId + ", deviceId=" + deviceId + ", secret=…]";
    }
}
