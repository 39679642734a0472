package org.zenmoon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.user.PasswordHash;

/** An instance without demo data gets its first platform admin once, from the command line, and never again. */
class FirstAdminTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void database() throws Exception {
        pg = EmbeddedPostgres.start();
        Flyway.configure()
                .dataSource(pg.getPostgresDatabase())
                .locations("classpath:db/migration")
                .placeholders(java.util.Map.of("appRole", "zenmoon_app"))
                .load()
                .migrate();
    }

    @AfterAll
    static void close() throws Exception {
        pg.close();
    }

    @BeforeEach
    void noAccounts() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM app_user");
        }
    }

    @Test
    void theFirstAdminCanLogInWithThePasswordGiven() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            String id = FirstAdmin.create(c, "it.admin", "correct horse battery".toCharArray());
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT id, tenant_id, roles, password_hash FROM app_user WHERE username = 'it.admin'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("id")).isEqualTo(id);
                assertThat(rs.getString("tenant_id")).isNull();
                assertThat(rs.getString("roles")).isEqualTo("PLATFORM_ADMIN");
                assertThat(PasswordHash.verify("correct horse battery".toCharArray(), rs.getString("password_hash")))
                        .isTrue();
                assertThat(PasswordHash.verify("correct horse batterY".toCharArray(), rs.getString("password_hash")))
                        .isFalse();
            }
        }
    }

    @Test
    void itWorksOnlyOnce() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            FirstAdmin.create(c, "it.admin", "correct horse battery".toCharArray());
            assertThatThrownBy(() -> FirstAdmin.create(c, "second.admin", "another long password".toCharArray()))
                    .isInstanceOf(FirstAdmin.Refused.class)
                    .hasMessageContaining("exists already");
            assertThat(accounts(c)).isEqualTo(1);
        }
    }

    @Test
    void weakPasswordsAndOddNamesAreRefusedAndNothingIsStored() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThatThrownBy(() -> FirstAdmin.create(c, "it.admin", "short".toCharArray()))
                    .hasMessageContaining("at least 12 characters");
            assertThatThrownBy(() -> FirstAdmin.create(c, "it.admin", "my-it.admin-password".toCharArray()))
                    .hasMessageContaining("must not contain the user name");
            assertThatThrownBy(() -> FirstAdmin.create(c, "bad\u0000name", "correct horse battery".toCharArray()))
                    .hasMessageContaining("user name must be");
            assertThat(accounts(c)).isZero();
        }
    }

    private static int accounts(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM app_user")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
