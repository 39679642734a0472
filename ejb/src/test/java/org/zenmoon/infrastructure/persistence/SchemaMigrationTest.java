package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway schema on a real PostgreSQL 17: partitions, keys and constraints behave as the design says. */
class SchemaMigrationTest {

    static EmbeddedPostgres pg;
    static DataSource ds;

    @BeforeAll
    static void migrate() throws Exception {
        pg = EmbeddedPostgres.start();
        ds = pg.getPostgresDatabase();
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .placeholders(java.util.Map.of("appRole", "zenmoon_app"))
                .load()
                .migrate();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES "
                    + "('t1', 'School', 'SCHOOL', 'FERPA', 365), ('t2', 'Clinic', 'CLINIC', 'HIPAA', 365)");
            s.execute(
                    "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('t1', 'h1', 'Class', 'CLASS'), ('t2', 'h2', 'Panel', 'PANEL')");
            s.execute("INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES "
                    + "('t1', 'c1', 'Otter-1', 2015, 'h1'), ('t2', 'c2', 'Heron-2', 2012, 'h2')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static String scalar(String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void epochForAMonthWithoutPartitionStillInsertsAndMovesLater() throws SQLException {
        exec("INSERT INTO epoch (tenant_id, child_id, t, hr) VALUES ('t1', 'c1', '2031-05-17T08:15:00Z', 90)");
        assertThat(scalar("SELECT tableoid::regclass FROM epoch WHERE t = '2031-05-17T08:15:00Z'"))
                .isEqualTo("epoch_default");

        assertThat(scalar("SELECT zenmoon_ensure_epoch_partitions('2031-04-20T00:00:00Z', '2031-06-02T00:00:00Z')"))
                .isEqualTo("3");
        assertThat(scalar("SELECT tableoid::regclass FROM epoch WHERE t = '2031-05-17T08:15:00Z'"))
                .isEqualTo("epoch_2031_05");
        assertThat(scalar("SELECT count(*) FROM epoch_default WHERE t >= '2031-04-01' AND t < '2031-07-01'"))
                .isEqualTo("0");
        assertThat(scalar("SELECT zenmoon_ensure_epoch_partitions('2031-05-01T00:00:00Z', '2031-06-01T00:00:00Z')"))
                .as("idempotent")
                .isEqualTo("0");
    }

    @Test
    void sameMinuteOfSameChildIsStoredOnce() throws SQLException {
        exec("INSERT INTO epoch (tenant_id, child_id, t, stress) VALUES ('t1', 'c1', '2030-01-01T00:00:00Z', 0.5)");
        assertThatThrownBy(
                        () -> exec(
                                "INSERT INTO epoch (tenant_id, child_id, t, stress) VALUES ('t1', 'c1', '2030-01-01T00:00:00Z', 0.6)"))
                .hasMessageContaining("duplicate key");
    }

    @Test
    void outOfRangeMeasuresAreRejected() {
        assertThatThrownBy(
                        () -> exec(
                                "INSERT INTO epoch (tenant_id, child_id, t, hr) VALUES ('t1', 'c1', '2030-02-01T00:00:00Z', 300)"))
                .hasMessageContaining("check constraint");
        assertThatThrownBy(
                        () -> exec(
                                "INSERT INTO epoch (tenant_id, child_id, t, sleep_state) VALUES ('t1', 'c1', '2030-02-01T00:00:00Z', 'NAP')"))
                .hasMessageContaining("check constraint");
    }

    @Test
    void rowsCannotPointAcrossTheTenantWall() {
        // A guardian link of tenant t1 to the child of tenant t2 violates the (tenant_id, child_id) foreign key.
        assertThatThrownBy(
                        () -> exec(
                                "INSERT INTO app_user (id, tenant_id, username, password_hash, roles) "
                                        + "VALUES ('u1', 't1', 'g1', 'x', 'GUARDIAN'); INSERT INTO guardian_link (tenant_id, child_id, user_id) VALUES ('t1', 'c2', 'u1')"))
                .hasMessageContaining("foreign key");
    }

    @Test
    void tenantIdLeadsEveryTenantOwnedPrimaryKey() throws SQLException {
        String offenders = scalar("SELECT string_agg(c.conrelid::regclass::text, ',') FROM pg_constraint c "
                + "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
                + "WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace "
                + "AND c.conrelid::regclass::text NOT IN ('tenant', 'app_user', 'model_version', 'flyway_schema_history') "
                + "AND c.conrelid::regclass::text NOT LIKE 'epoch\\_%' AND a.attname <> 'tenant_id'");
        assertThat(offenders).isNull();
    }

    /**
     * Erasure deletes a child's rows from every table with a child_id column and then the child; a table that refers
     * to one of those without a child_id column of its own (feedback on a recommendation) must cascade, or the
     * erasure would stop at its foreign key.
     */
    @Test
    void everyReferenceToAChildsRowsWithoutAChildIdCascades() throws SQLException {
        String offenders = scalar("WITH child_tables AS ("
                + "SELECT c.oid FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'child_id' "
                + "WHERE c.relnamespace = 'public'::regnamespace UNION SELECT 'child'::regclass::oid) "
                + "SELECT string_agg(k.conname, ',') FROM pg_constraint k "
                + "WHERE k.contype = 'f' AND k.confrelid IN (SELECT oid FROM child_tables) "
                + "AND k.conrelid NOT IN (SELECT oid FROM child_tables) AND k.confdeltype <> 'c'");
        assertThat(offenders).isNull();
    }

    @Test
    void auditRowsCarryRoleAndRequest() throws SQLException {
        exec(
                "INSERT INTO audit_event (tenant_id, actor_id, actor_roles, request_id, action, resource, child_id, outcome) "
                        + "VALUES ('t1', 'u1', 'COUNSELLOR', 'req-42', 'read', 'ChildDirectory.find', 'c1', 'ok')");
        assertThat(scalar("SELECT actor_roles || ' ' || request_id FROM audit_event WHERE request_id = 'req-42'"))
                .isEqualTo("COUNSELLOR req-42");
    }
}
