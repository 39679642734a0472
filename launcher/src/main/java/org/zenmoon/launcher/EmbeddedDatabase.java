package org.zenmoon.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The run command's own PostgreSQL, in {@code <home>/pgdata}, listening on the loopback interface only. Every
 * connection needs a password (scram-sha-256, local ones too). Two accounts: the superuser {@code postgres}, which
 * owns the schema (migrations, demo data), and the application role {@code zenmoon_app}, which the server connects
 * as and which row-level security restricts. Their generated passwords stay in {@code <home>}, in files only the
 * owner can read, and never appear on a command line.
 *
 * <p>A data folder from an earlier version (trust authentication, no application role) is brought up to this on
 * its next start.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "zenmoon";
    static final String OWNER = "postgres";
    static final String APP_ROLE = "zenmoon_app";
    static final String OWNER_PASSWORD_FILE = "db-owner-password";
    static final String APP_PASSWORD_FILE = "db-app-password";

    /** Password authentication for every connection; the server listens on localhost only (PostgreSQL's default). */
    static final String PG_HBA = """
            # Written by the ZenMoon run command on every start: every connection, local ones too, needs a password.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final EmbeddedPostgres postgres;
    private final Db owner;
    private final Db app;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Db owner, Db app) {
        this.postgres = postgres;
        this.owner = owner;
        this.app = app;
    }

    /**
     * Starts PostgreSQL on the data in {@code home/pgdata} (made on the first start) and sets up its accounts and
     * authentication.
     *
     * @throws IOException when PostgreSQL does not start
     * @throws SQLException when the accounts cannot be set up, e.g. the owner's password file no longer matches
     */
    static EmbeddedDatabase start(Path home, int port, Duration startupWait, Path log)
            throws IOException, SQLException {
        ownerOnlyDirectory(home);
        String ownerPassword = secret(home.resolve(OWNER_PASSWORD_FILE));
        String appPassword = secret(home.resolve(APP_PASSWORD_FILE));
        Path data = home.resolve("pgdata");
        Files.createDirectories(data);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky checks readiness with this account; a data folder of an earlier version ignores the password.
                .setConnectConfig("password", ownerPassword)
                .setPGStartupWait(startupWait)
                // A single-machine database without replicas or archive: minimal WAL lets the demo data go into the
                // month partitions its own transaction creates without writing it twice (once more to the WAL), and
                // a larger WAL budget spares checkpoints in the middle of a bulk load.
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                .setServerConfig("max_wal_size", "2GB")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            String base = "jdbc:postgresql://localhost:" + port + "/";
            try (Connection c = connect(base + "postgres", OWNER, ownerPassword)) {
                setUpAccounts(c, ownerPassword, appPassword);
                requirePasswords(c, data);
            }
            return new EmbeddedDatabase(
                    pg, new Db(base + DATABASE, OWNER, ownerPassword), new Db(base + DATABASE, APP_ROLE, appPassword));
        } catch (SQLException | IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The schema's owner, for migrations and demo data. */
    Db owner() {
        return owner;
    }

    /** The server's account, restricted by row-level security. */
    Db app() {
        return app;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    /**
     * The owner's and the application role's passwords (set again on every start: the files are the truth), the
     * application role's limits, and the database. Passwords travel as SCRAM verifiers computed here, so that not
     * even the server's log could show them.
     */
    private static void setUpAccounts(Connection c, String ownerPassword, String appPassword) throws SQLException {
        PGConnection pgc = c.unwrap(PGConnection.class);
        try (Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            pgc.alterUserPassword(OWNER, ownerPassword.toCharArray(), "scram-sha-256");
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_ROLE)) {
                s.execute("CREATE ROLE " + APP_ROLE);
            }
            // The server's account logs in, and can do nothing more than its grants (V3) allow.
            s.execute("ALTER ROLE " + APP_ROLE
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT");
            pgc.alterUserPassword(APP_ROLE, appPassword.toCharArray(), "scram-sha-256");
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /** Replaces the trust authentication that initdb (and earlier versions) set up, then reloads. */
    private static void requirePasswords(Connection c, Path data) throws SQLException, IOException {
        Path hba = data.resolve("pg_hba.conf");
        if (!Files.exists(hba) || !Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)) {
            Path next = data.resolve("pg_hba.conf.zenmoon");
            Files.writeString(next, PG_HBA, StandardCharsets.UTF_8);
            if (posix(next)) {
                Files.setPosixFilePermissions(next, OWNER_ONLY_FILE);
            }
            Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_reload_conf()")) {
            rs.next();
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The run command's home: only its owner may enter it (passwords, the signing key and the data live there). */
    static void ownerOnlyDirectory(Path home) throws IOException {
        Files.createDirectories(home);
        if (posix(home)) {
            Files.setPosixFilePermissions(home, OWNER_ONLY_DIR);
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    /** The password in {@code file}, made (mode 0600, created with that mode) on the first start. */
    static String secret(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                if (posix(file.getParent())) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException e) {
                // Written by a concurrent start a moment ago: read it below.
            }
        }
        // A file an admin copied in with wider permissions is tightened.
        if (posix(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (password.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return password;
    }
}
