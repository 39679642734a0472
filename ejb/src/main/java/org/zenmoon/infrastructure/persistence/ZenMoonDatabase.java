package org.zenmoon.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The application's one data source, configured from MicroProfile Config ({@code zenmoon.db.url},
 * {@code zenmoon.db.user}, {@code zenmoon.db.password}, or ZENMOON_DB_URL etc. in the environment), and
 * the schema check that readiness relies on.
 */
@DataSourceDefinition(
        name = ZenMoonDatabase.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=zenmoon.db.url}",
        user = "${MPCONFIG=zenmoon.db.user}",
        password = "${MPCONFIG=zenmoon.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        // Server error details quote the failing row (children's data): they must never reach an exception message.
        properties = {"ApplicationName=zenmoon", "logServerErrorDetail=false"})
@Stateless
public class ZenMoonDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/zenmoon";

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    /**
     * The session advisory lock that the launcher holds while it writes the demo data, beside the server's start: the
     * server is not ready until the demo's accounts and minutes are committed.
     */
    public static final long DEMO_DATA_LOCK = 0x7a6d_6465_6d6fL;

    /** Whether the demo data is being written ({@link #DEMO_DATA_LOCK} held), looked at without waiting. */
    public boolean demoDataBeingWritten() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                // Released when the look's transaction (or statement) ends.
                ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock_shared(" + DEMO_DATA_LOCK + ")")) {
            rs.next();
            return !rs.getBoolean(1);
        }
    }

    /** The newest migration applied successfully, or empty when Flyway has not run on this database. */
    public OptionalInt appliedSchemaVersion() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return OptionalInt.empty();
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT max(version::int) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
                rs.next();
                int v = rs.getInt(1);
                return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
            }
        }
    }
}
