package org.zenmoon.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The run command's database, as someone on the same machine meets it: no connection without a password, the
 * passwords in files only the run command's user reads and on no command line, and the server's account (the
 * application role) sees no row of the demo data unless its transaction names a tenant.
 */
class DatabaseWallsIT {

    private static final String URL = "jdbc:postgresql://localhost:" + SharedServer.DB_PORT + "/zenmoon";

    @Test
    void theEmbeddedDatabaseAsksForThePasswordsOnlyTheHomesOwnerReads() throws Exception {
        LaunchedServer server = SharedServer.get();
        Path home = server.home;
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        for (String file : new String[] {"db-owner-password", "db-app-password"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
        String owner = password(home, "db-owner-password");
        String app = password(home, "db-app-password");

        for (String user : new String[] {"postgres", "zenmoon_app"}) {
            assertThatThrownBy(() -> connect(user, null)).as(user).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(user, "postgres")).as(user).isInstanceOf(SQLException.class);
        }
        assertThat(String.join("\n", server.childCommandLines()))
                .as("command lines of Payara Micro and PostgreSQL")
                .contains("payara-micro.jar")
                .doesNotContain(owner, app);
        assertThat(server.serverEnvironment())
                .contains("ZENMOON_DB_USER=zenmoon_app", "ZENMOON_DB_PASSWORD=" + app)
                .doesNotContain(owner);
    }

    @Test
    void theServersAccountSeesNoEpochWithoutATenantAndOnlyItsTenantsWithOne() throws Exception {
        Path home = SharedServer.get().home;
        long all;
        String tenant;
        long tenantsOwn;
        try (Connection c = connect("postgres", password(home, "db-owner-password"))) {
            all = scalar(c, "SELECT count(*) FROM epoch");
            tenant = string(c, "SELECT tenant_id FROM epoch GROUP BY tenant_id ORDER BY tenant_id LIMIT 1");
            tenantsOwn = scalar(c, "SELECT count(*) FROM epoch WHERE tenant_id = '" + tenant + "'");
        }
        assertThat(tenantsOwn).as("demo epochs of %s", tenant).isPositive().isLessThan(all);

        try (Connection c = connect("zenmoon_app", password(home, "db-app-password"))) {
            assertThat(scalar(c, "SELECT count(*) FROM epoch"))
                    .as("epochs seen with no tenant set, of %d", all)
                    .isZero();
            assertThat(scalar(c, "SELECT count(*) FROM child")).isZero();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('zenmoon.tenant_id', ?, true)")) {
                ps.setString(1, tenant);
                ps.execute();
            }
            assertThat(scalar(c, "SELECT count(*) FROM epoch")).isEqualTo(tenantsOwn);
            assertThatThrownBy(() -> scalar(c, "UPDATE audit_event SET outcome = 'forged' RETURNING 1"))
                    .isInstanceOf(SQLException.class);
            c.rollback();
        }
    }

    private static String password(Path home, String file) throws Exception {
        return Files.readString(home.resolve(file)).trim();
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(URL, p);
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
