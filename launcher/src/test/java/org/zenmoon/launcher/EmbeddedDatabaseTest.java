package org.zenmoon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command's PostgreSQL asks every connection for a password, keeps the generated passwords in files only
 * their owner reads, and brings a data folder of an earlier version (trust authentication, no application role) up
 * to that.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    @Test
    void everyConnectionNeedsThePasswordKeptInAnOwnerOnlyFile() throws Exception {
        int port = freePort();
        try (EmbeddedDatabase db = start(port)) {
            assertOwnerOnly();
            String ownerPassword = Files.readString(home.resolve(EmbeddedDatabase.OWNER_PASSWORD_FILE))
                    .trim();
            String appPassword = Files.readString(home.resolve(EmbeddedDatabase.APP_PASSWORD_FILE))
                    .trim();
            assertThat(ownerPassword).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(appPassword);
            assertThat(db.owner().password()).isEqualTo(ownerPassword);
            assertThat(db.app().user()).isEqualTo(EmbeddedDatabase.APP_ROLE);

            assertRefused(port, "postgres", null);
            assertRefused(port, "postgres", "postgres");
            assertRefused(port, EmbeddedDatabase.APP_ROLE, null);
            assertRefused(port, EmbeddedDatabase.APP_ROLE, ownerPassword);
            assertThat(isSuperuser(db.app())).isFalse();
            assertThat(isSuperuser(db.owner())).isTrue();
        }
        // The second start reads the same passwords and still refuses a connection without one.
        try (EmbeddedDatabase db = start(port)) {
            assertThat(isSuperuser(db.app())).isFalse();
            assertRefused(port, "postgres", null);
            assertOwnerOnly();
        }
    }

    @Test
    void aDataFolderOfAnEarlierVersionGetsPasswordsAndTheApplicationRole() throws Exception {
        int port = freePort();
        // What earlier versions left: initdb's trust authentication, the zenmoon database, no application role.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setDataDirectory(home.resolve("pgdata"))
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setPGStartupWait(Duration.ofSeconds(120))
                        .start();
                Connection c = old.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE zenmoon");
        }
        assertThat(Files.readString(home.resolve("pgdata/pg_hba.conf"))).contains("trust");
        try (EmbeddedDatabase db = start(port)) {
            assertThat(Files.readString(home.resolve("pgdata/pg_hba.conf")))
                    .doesNotContain("trust")
                    .contains("scram-sha-256");
            assertRefused(port, "postgres", null);
            assertThat(isSuperuser(db.app())).isFalse();
            assertOwnerOnly();
        }
    }

    private EmbeddedDatabase start(int port) throws Exception {
        return EmbeddedDatabase.start(home, port, Duration.ofSeconds(120), home.resolve("postgres.log"));
    }

    private void assertOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        for (String file : new String[] {EmbeddedDatabase.OWNER_PASSWORD_FILE, EmbeddedDatabase.APP_PASSWORD_FILE}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
    }

    private static void assertRefused(int port, String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/zenmoon", p)
                        .close())
                .as("%s with password %s", user, password)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }

    private static boolean isSuperuser(Db db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
