package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database's own walls (V3), as the server's application role meets them: row-level security on every
 * tenant-owned table, insert-only audit rows, no DDL. The fixture puts rows of two tenants into every tenant-owned
 * table, written as the owner.
 */
class SchemaWallsTest {

    static final String APP = MigratedPostgres.APP;

    /** Tables with a tenant_id that are not walled, each for a reason (see V3). */
    static final Set<String> UNWALLED = Set.of(
            // Accounts are looked up by user name at log-in, before a tenant is known; a platform admin has none.
            "app_user");

    /** The tenant-owned tables of V1: the fixture has rows of both tenants in each. */
    static final List<String> V1_TENANT_TABLES = List.of(
            "cohort",
            "staff_cohort",
            "child",
            "guardian_link",
            "device",
            "consent",
            "epoch",
            "sleep_episode",
            "school_event",
            "intervention",
            "recommendation",
            "recommendation_feedback",
            "analysis_result",
            "audit_event");

    static EmbeddedPostgres pg;
    static DataSource owner;
    static DataSource app;

    @BeforeAll
    static void migrateAndFill() throws Exception {
        pg = MigratedPostgres.start();
        owner = pg.getPostgresDatabase();
        app = pg.getDatabase(APP, "postgres");
        exec(owner, "SELECT zenmoon_ensure_epoch_partitions('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')");
        for (String t : List.of("t1", "t2")) {
            exec(
                    owner,
                    ("INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES ('@', 'School @', 'SCHOOL', 'FERPA', 365);"
                                    + "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('@', '@-h', 'Class', 'CLASS');"
                                    + "INSERT INTO app_user (id, tenant_id, username, password_hash, roles) VALUES ('@-u', '@', 'user-@', 'x', 'COUNSELLOR');"
                                    + "INSERT INTO staff_cohort (tenant_id, user_id, cohort_id) VALUES ('@', '@-u', '@-h');"
                                    + "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES ('@', '@-c', 'Otter-@', 2015, '@-h');"
                                    + "INSERT INTO guardian_link (tenant_id, child_id, user_id) VALUES ('@', '@-c', '@-u');"
                                    + "INSERT INTO device (tenant_id, id, child_id, label, token_hash) VALUES ('@', '@-d', '@-c', 'band', 'x');"
                                    + "INSERT INTO consent (tenant_id, id, child_id, scope, notice_version, granted_by) VALUES ('@', '@-k', '@-c', 'collection', 'v1', '@-u');"
                                    // One epoch in a month partition, one in the default partition.
                                    + "INSERT INTO epoch (tenant_id, child_id, t, hr) VALUES ('@', '@-c', '2026-03-02T08:15:00Z', 90), ('@', '@-c', '2040-01-01T00:00:00Z', 80);"
                                    + "INSERT INTO sleep_episode (tenant_id, id, child_id, onset, wake, source) VALUES ('@', '@-s', '@-c', '2026-03-01T21:00:00Z', '2026-03-02T07:00:00Z', 'device');"
                                    + "INSERT INTO school_event (tenant_id, id, cohort_id, type, start_t, end_t, source) VALUES ('@', '@-e', '@-h', 'exam', '2026-03-02T09:00:00Z', '2026-03-02T11:00:00Z', 'manual');"
                                    + "INSERT INTO intervention (tenant_id, id, child_id, type, start_t, end_t) VALUES ('@', '@-i', '@-c', 'mindfulness', '2026-03-02T09:00:00Z', '2026-03-02T09:10:00Z');"
                                    + "INSERT INTO recommendation (tenant_id, id, child_id, intervention, text) VALUES ('@', '@-r', '@-c', 'mindfulness', 'Breathe');"
                                    + "INSERT INTO recommendation_feedback (tenant_id, recommendation_id, user_id, was_helpful) VALUES ('@', '@-r', '@-u', true);"
                                    + "INSERT INTO analysis_result (tenant_id, id, child_id, kind, payload) VALUES ('@', '@-a', '@-c', 'chronotype', '{}');"
                                    + "INSERT INTO audit_event (tenant_id, actor_id, action, resource, outcome) VALUES ('@', '@-u', 'read', 'test', 'ok');")
                            .replace("@", t));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void withNoTenantSetTheApplicationRoleSeesNoRowOfAnyWalledTable() throws SQLException {
        for (String table : walledTables()) {
            long all = count(owner, null, "SELECT count(*) FROM " + table);
            assertThat(count(app, null, "SELECT count(*) FROM " + table))
                    .as("%s (%d rows) with no tenant set", table, all)
                    .isZero();
        }
        for (String table : V1_TENANT_TABLES) {
            assertThat(count(owner, null, "SELECT count(DISTINCT tenant_id) FROM " + table))
                    .as("the fixture has rows of both tenants in %s", table)
                    .isEqualTo(2);
        }
    }

    @Test
    void withATenantSetTheApplicationRoleSeesThatTenantsRowsOnly() throws SQLException {
        for (String table : V1_TENANT_TABLES) {
            assertThat(count(app, "t1", "SELECT count(*) FROM " + table))
                    .as("%s as t1", table)
                    .isEqualTo(count(owner, null, "SELECT count(*) FROM " + table + " WHERE tenant_id = 't1'"))
                    .isPositive();
            assertThat(count(app, "t1", "SELECT count(*) FROM " + table + " WHERE tenant_id <> 't1'"))
                    .as("%s rows of other tenants seen as t1", table)
                    .isZero();
        }
        assertThat(count(app, "t2", "SELECT count(*) FROM epoch WHERE child_id = 't1-c'"))
                .isZero();
    }

    @Test
    void partitionsNamedDirectlyAreWalledToo() throws SQLException {
        // The application role may create partitions (as their owner), and a new partition is walled at once.
        assertThat(count(
                        app,
                        null,
                        "SELECT zenmoon_ensure_epoch_partitions('2040-01-01T00:00:00Z', '2040-02-01T00:00:00Z')"))
                .as("partitions created by the application role")
                .isEqualTo(1);
        assertThat(count(owner, null, "SELECT count(*) FROM epoch_2040_01")).isEqualTo(2);
        for (String partition : List.of("epoch_default", "epoch_2026_03", "epoch_2040_01")) {
            assertThat(count(app, null, "SELECT count(*) FROM " + partition))
                    .as(partition)
                    .isZero();
            assertThat(count(app, "t2", "SELECT count(*) FROM " + partition + " WHERE tenant_id <> 't2'"))
                    .as(partition)
                    .isZero();
        }
        assertThat(count(app, "t2", "SELECT count(*) FROM epoch_2040_01")).isEqualTo(1);
        assertThatThrownBy(() -> count(
                        app,
                        null,
                        "SELECT zenmoon_ensure_epoch_partitions('2041-01-01T00:00:00Z', '2141-01-01T00:00:00Z')"))
                .as("a century of partitions in one call")
                .hasMessageContaining("at most 10 years");
    }

    @Test
    void rowsOfAnotherTenantOrOfNoTenantCannotBeWritten() throws SQLException {
        assertThatThrownBy(
                        () -> count(
                                app,
                                "t1",
                                "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES ('t2', 'x', 'Lynx-9', 2015, 't2-h') RETURNING 1"))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(
                        () -> count(
                                app,
                                null,
                                "INSERT INTO epoch (tenant_id, child_id, t, hr) VALUES ('t1', 't1-c', '2026-03-05T00:00:00Z', 70) RETURNING 1"))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> count(app, "t1", "UPDATE child SET tenant_id = 't2' WHERE id = 't1-c' RETURNING 1"))
                .hasMessageContaining("row-level security");
        assertThat(count(
                        app,
                        "t1",
                        "WITH d AS (DELETE FROM consent WHERE tenant_id = 't2' RETURNING 1) SELECT count(*) FROM d"))
                .as("another tenant's rows deleted")
                .isZero();
        assertThat(count(owner, null, "SELECT count(*) FROM consent WHERE tenant_id = 't2'"))
                .isEqualTo(1);
        assertThat(
                        count(
                                app,
                                "t1",
                                "INSERT INTO epoch (tenant_id, child_id, t, hr) VALUES ('t1', 't1-c', '2026-03-05T00:00:00Z', 70) RETURNING 1"))
                .as("its own tenant's row")
                .isEqualTo(1);
    }

    @Test
    void theTenantLastsOneTransaction() throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, "t1");
            assertThat(scalar(c, "SELECT count(*) FROM child")).isEqualTo(1);
            c.commit();
            assertThat(scalar(c, "SELECT count(*) FROM child"))
                    .as("the next transaction on the same connection")
                    .isZero();
            c.rollback();
        }
    }

    @Test
    void everyTableWithATenantIdHasRowLevelSecurityAndAPolicy() throws SQLException {
        List<String> unwalled = strings(
                owner,
                "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' "
                        + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') "
                        + "AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid)) "
                        + "ORDER BY 1");
        assertThat(unwalled)
                .as(
                        "tables with a tenant_id but no row-level security: call zenmoon_wall_tenant_table in the migration")
                .containsExactlyInAnyOrderElementsOf(UNWALLED);
        assertThat(walledTables()).contains("epoch", "epoch_default", "epoch_2026_03", "audit_event");
    }

    @Test
    void theApplicationRoleOwnsNothingAndNothingRunsAroundTheWalls() throws SQLException {
        assertThat(count(
                        owner,
                        null,
                        "SELECT (SELECT count(*) FROM pg_class WHERE relowner = '" + APP + "'::regrole)"
                                + " + (SELECT count(*) FROM pg_proc WHERE proowner = '" + APP + "'::regrole)"
                                + " + (SELECT count(*) FROM pg_namespace WHERE nspowner = '" + APP + "'::regrole)"))
                .isZero();
        assertThat(strings(
                        owner,
                        "SELECT rolname FROM pg_roles WHERE rolname = '" + APP
                                + "' AND (rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb)"))
                .isEmpty();
        // A view runs with its owner's rights, and so does a SECURITY DEFINER function: each would be a way round.
        assertThat(strings(
                        owner,
                        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm') "
                                + "AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)"))
                .as("views that do not run with the caller's rights")
                .isEmpty();
        assertThat(
                        strings(
                                owner,
                                "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosecdef ORDER BY 1"))
                .as("SECURITY DEFINER functions (each reviewed: partitions return no rows, stale job runs only"
                        + " identifiers, expired partitions take no argument and drop only what every tenant's"
                        + " retention period has passed)")
                .containsExactly(
                        "zenmoon_drop_expired_epoch_partitions",
                        "zenmoon_ensure_epoch_partitions",
                        "zenmoon_stale_job_runs");
    }

    @Test
    void auditRowsCanBeAddedButNeverChangedOrDeleted() throws SQLException {
        assertThat(
                        count(
                                app,
                                "t1",
                                "INSERT INTO audit_event (tenant_id, actor_id, action, resource, outcome) VALUES ('t1', 'u', 'read', 'x', 'ok') RETURNING 1"))
                .isEqualTo(1);
        assertThatThrownBy(() -> count(app, "t1", "UPDATE audit_event SET outcome = 'forged' RETURNING 1"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> count(app, "t1", "DELETE FROM audit_event RETURNING 1"))
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> exec(app, "TRUNCATE audit_event")).hasMessageContaining("permission denied");
        // Not even the owner, whatever its grants: the trigger refuses.
        assertThatThrownBy(() -> exec(owner, "UPDATE audit_event SET outcome = 'forged'"))
                .hasMessageContaining("insert-only");
        assertThatThrownBy(() -> exec(owner, "DELETE FROM audit_event")).hasMessageContaining("insert-only");
        assertThatThrownBy(() -> exec(owner, "TRUNCATE audit_event")).hasMessageContaining("insert-only");
        assertThat(count(owner, null, "SELECT count(*) FROM audit_event WHERE outcome = 'ok'"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void theApplicationRoleCannotChangeTheSchema() throws SQLException {
        for (String ddl : List.of(
                "CREATE TABLE sneaky (id int)",
                "ALTER TABLE child DISABLE ROW LEVEL SECURITY",
                "ALTER TABLE child ADD COLUMN sneaky int",
                "DROP POLICY tenant_wall ON child",
                "DROP TABLE consent",
                "CREATE VIEW all_children AS SELECT * FROM child",
                "SELECT zenmoon_wall_tenant_table('child')",
                "ALTER TABLE audit_event DISABLE TRIGGER audit_event_insert_only",
                "INSERT INTO flyway_schema_history (installed_rank, description, type, script, installed_by, execution_time, success)"
                        + " VALUES (99, 'x', 'SQL', 'x', 'x', 0, true)")) {
            assertThatThrownBy(() -> exec(app, ddl)).as(ddl).isInstanceOf(SQLException.class);
        }
        assertThat(count(app, null, "SELECT max(version::int) FROM flyway_schema_history"))
                .as("readiness reads the applied schema version")
                .isEqualTo(SchemaVersion.EXPECTED);
    }

    @Test
    void aDatabaseWhoseServerAccountOwnsTheSchemaStillMigrates() throws Exception {
        // An external database without an owner account: the launcher warns, and the migration grants nothing.
        try (EmbeddedPostgres single = EmbeddedPostgres.start()) {
            exec(single.getPostgresDatabase(), "CREATE ROLE zenmoon LOGIN CREATEDB");
            exec(single.getPostgresDatabase(), "CREATE DATABASE zenmoon OWNER zenmoon");
            DataSource zenmoon = single.getDatabase("zenmoon", "zenmoon");
            Flyway.configure()
                    .dataSource(zenmoon)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("appRole", "zenmoon"))
                    .load()
                    .migrate();
            assertThat(count(zenmoon, null, "SELECT max(version::int) FROM flyway_schema_history"))
                    .isEqualTo(SchemaVersion.EXPECTED);
            assertThat(strings(
                            single.getPostgresDatabase(), "SELECT rolname FROM pg_roles WHERE rolname = '" + APP + "'"))
                    .as("no application role made for a set-up that has none")
                    .isEmpty();
            exec(
                    zenmoon,
                    "INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES ('t1', 'S', 'SCHOOL', 'FERPA', 365)");
            exec(zenmoon, "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('t1', 'h', 'Class', 'CLASS')");
            assertThat(count(zenmoon, null, "SELECT count(*) FROM cohort"))
                    .as("the owner is not restricted")
                    .isEqualTo(1);
        }
    }

    /** Every table of the schema with a tenant_id that is not in {@link #UNWALLED}. */
    static List<String> walledTables() throws SQLException {
        List<String> tables = strings(
                owner,
                "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' "
                        + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1");
        tables.removeAll(UNWALLED);
        return tables;
    }

    /** The first column of the first row of {@code sql}, run in a transaction with {@code tenant} set (or none). */
    static long count(DataSource ds, String tenant, String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            if (tenant != null) {
                setTenant(c, tenant);
            }
            long n = scalar(c, sql);
            c.commit();
            return n;
        }
    }

    static void setTenant(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('zenmoon.tenant_id', ?, true)")) {
            ps.setString(1, tenant);
            ps.execute();
        }
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    static List<String> strings(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
