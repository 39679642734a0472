package org.zenmoon.interfaces.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The RSA key that signs and verifies API tokens, read from a PKCS#8 PEM file ({@code zenmoon.jwt.key-file}).
 * In demo mode ({@code zenmoon.jwt.generate-key=true}) a missing file is created, so that tokens survive a
 * restart. Without a usable key the API issues no tokens and readiness reports DOWN.
 */
@ApplicationScoped
public class SigningKey {

    private static final Logger LOG = Logger.getLogger(SigningKey.class.getName());
    private static final int MIN_KEY_BITS = 2048;

    @Inject
    @ConfigProperty(name = "zenmoon.jwt.key-file", defaultValue = "var/jwt-signing-key.pem")
    String keyFile;

    @Inject
    @ConfigProperty(name = "zenmoon.jwt.generate-key", defaultValue = "false")
    boolean generate;

    private RSAPrivateCrtKey privateKey;
    private RSAPublicKey publicKey;
    private String problem;

    @PostConstruct
    void load() {
        Path path = Path.of(keyFile);
        try {
            if (!Files.exists(path) && generate) {
                writeNewKey(path);
                LOG.info(() -> "Generated a new token signing key in " + path.toAbsolutePath());
            }
            String pem = Files.readString(path, StandardCharsets.US_ASCII);
            String body =
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            publicKey = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            if (privateKey.getModulus().bitLength() < MIN_KEY_BITS) {
                throw new GeneralSecurityException("RSA keys shorter than " + MIN_KEY_BITS + " bits are refused");
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            privateKey = null;
            publicKey = null;
            // Health output is public: it says what to do, and the path and the reason stay in the log.
            problem = "token signing key unusable (zenmoon.jwt.key-file): see the server log";
            LOG.severe("The token signing key " + path.toAbsolutePath() + " is unusable: " + e);
        }
    }

    private static void writeNewKey(Path path) throws IOException, GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), "jwt", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Non-POSIX file systems keep their default permissions.
        }
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    }

    public boolean usable() {
        return problem == null;
    }

    /** That the key is unusable, in words for an operator, without paths or exception text; or null. */
    public String problem() {
        return problem;
    }

    RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    RSAPublicKey publicKey() {
        return publicKey;
    }
}
