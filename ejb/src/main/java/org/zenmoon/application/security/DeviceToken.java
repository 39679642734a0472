package org.zenmoon.application.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device token as the phone sends it, {@code zmd.<tenantId>.<deviceId>.<secret>}: the tenant and device say where
 * to look the device up (inside its tenant's wall), the secret is what proves it. Only {@code sha256:} and the
 * lower-case hex SHA-256 of the secret is stored; the secret is long and random, so a plain hash is enough and a
 * token check costs one digest.
 */
public record DeviceToken(String tenantId, String deviceId, String secret) {

    private static final Pattern FORMAT =
            Pattern.compile("zmd\\.([A-Za-z0-9-]{1,36})\\.([A-Za-z0-9-]{1,36})\\.([A-Za-z0-9_-]{16,256})");

    /** The parts of {@code token}, or empty when it does not have the shape of a device token at all. */
    public static Optional<DeviceToken> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(token);
        return m.matches() ? Optional.of(new DeviceToken(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** What {@code device.token_hash} keeps for this token. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code storedHash} is this token's hash, compared in constant time. */
    public boolean matches(String storedHash) {
        return storedHash != null
                && MessageDigest.isEqual(
                        hash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Never the secret: records print their fields. */
    @Override
    public String toString() {
        return "DeviceToken[" + tenantId + "/" + deviceId + "]";
    }
}
