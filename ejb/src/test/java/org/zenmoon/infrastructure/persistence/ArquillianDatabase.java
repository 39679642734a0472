package org.zenmoon.infrastructure.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the PostgreSQL that the in-container (Arquillian) suite's Payara Micro connects to, before
 * Arquillian starts the container, and stops it at the end. Active only when the failsafe run sets
 * {@code zenmoon.arquillian.db.port}; plain unit test runs leave it alone.
 *
 * <p>Migrations and the fixture run as the owner; the container connects as the application role.
 *
 * <p>Fixture, written with plain JDBC so that the in-container tests check EclipseLink's view of rows it did not
 * write itself: tenant A with two cohorts (two children and one child), one account per role and a staff
 * assignment; tenant B with one cohort of two children.
 */
public class ArquillianDatabase implements LauncherSessionListener {

    static final String TENANT_A = "tenant-a";
    static final String TENANT_B = "tenant-b";
    static final String APP_ROLE = "zenmoon_app";
    private EmbeddedPostgres pg;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("zenmoon.arquillian.db.port");
        if (port == null) {
            return;
        }
        try {
            pg = EmbeddedPostgres.builder().setPort(Integer.parseInt(port)).start();
            // The container connects as the application role (arquillian.xml), so the database's walls apply.
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD 'app-in-test'");
            }
            Flyway.configure()
                    .dataSource(pg.getPostgresDatabase())
                    .locations("classpath:db/migration")
                    .placeholders(java.util.Map.of("appRole", APP_ROLE))
                    .load()
                    .migrate();
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES "
                                + "('tenant-a', 'A School', 'SCHOOL', 'FERPA', 365), ('tenant-b', 'B Clinic', 'CLINIC', 'HIPAA', 365)");
                s.execute("INSERT INTO cohort (tenant_id, id, name, kind) VALUES "
                        + "('tenant-a', 'cohort-a', 'Class A', 'CLASS'), ('tenant-a', 'cohort-a2', 'Class A2', 'CLASS'), "
                        + "('tenant-b', 'cohort-b', 'Panel B', 'PANEL')");
                s.execute(
                        "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES "
                                + "('tenant-a', 'child-a1', 'Otter-1', 2015, 'cohort-a'), ('tenant-a', 'child-a2', 'Heron-2', 2014, 'cohort-a'), "
                                + "('tenant-a', 'child-a3', 'Wren-3', 2016, 'cohort-a2'), "
                                + "('tenant-b', 'child-b1', 'Lynx-3', 2012, 'cohort-b'), ('tenant-b', 'child-b2', 'Finch-4', 2013, 'cohort-b')");
                // One account per role: the counsellor looks after cohort-a only, the guardian has child-a2.
                s.execute("INSERT INTO app_user (id, tenant_id, username, password_hash, roles) VALUES "
                        + "('u-admin-a', 'tenant-a', 'admin.a', 'x', 'TENANT_ADMIN'), "
                        + "('u-couns-a', 'tenant-a', 'couns.a', 'x', 'COUNSELLOR'), "
                        + "('u-guard-a', 'tenant-a', 'guard.a', 'x', 'GUARDIAN'), "
                        + "('u-platform', NULL, 'platform', 'x', 'PLATFORM_ADMIN')");
                s.execute(
                        "INSERT INTO staff_cohort (tenant_id, user_id, cohort_id) VALUES ('tenant-a', 'u-couns-a', 'cohort-a')");
                s.execute(
                        "INSERT INTO guardian_link (tenant_id, child_id, user_id) VALUES ('tenant-a', 'child-a2', 'u-guard-a')");
                s.execute("INSERT INTO epoch (tenant_id, child_id, t, hr, stress, sleep_state) VALUES "
                        + "('tenant-a', 'child-a1', '2026-03-02T08:15:00Z', 92.5, 0.61, 'WAKE'), "
                        + "('tenant-b', 'child-b1', '2026-03-02T08:15:00Z', 70, 0.2, 'SLEEP')");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
