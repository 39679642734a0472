package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The bulk epoch insert on a real PostgreSQL, as the server's application role behind the tenant wall: steps are
 * stored, a minute stored before counts as a duplicate, and the completing variant gives a minute of the same device
 * the measures it lacks without touching the ones it has.
 */
class EpochBulkInsertTest {

    static final String APP = "zenmoon_app";
    static final Instant T0 = Instant.parse("2026-03-02T08:15:00Z");

    static EmbeddedPostgres pg;
    static DataSource owner;
    static DataSource app;

    @BeforeAll
    static void migrate() throws Exception {
        pg = EmbeddedPostgres.start();
        owner = pg.getPostgresDatabase();
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP + " LOGIN");
        }
        Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", APP))
                .load()
                .migrate();
        app = pg.getDatabase(APP, "postgres");
        try (Connection c = owner.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES"
                    + " ('t1', 'School', 'SCHOOL', 'FERPA', 365)");
            s.execute("INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('t1', 'h1', 'Class', 'CLASS')");
            s.execute("INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES"
                    + " ('t1', 'c1', 'Otter-1', 2015, 'h1'), ('t1', 'c2', 'Heron-2', 2014, 'h1')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    static EpochRecord minute(int plus, Float hr, Integer steps) {
        return new EpochRecord(
                T0.plusSeconds(60L * plus), hr, null, null, null, null, null, null, null, null, null, null, steps);
    }

    interface Write {
        int to(Connection c) throws SQLException;
    }

    /** One transaction of the application role in tenant t1, as the service's is. */
    static int asApp(Write write) throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('zenmoon.tenant_id', 't1', true)")) {
                ps.execute();
            }
            int n = write.to(c);
            c.commit();
            return n;
        }
    }

    static String row(String child, int plus) throws SQLException {
        try (Connection c = owner.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT hr, steps, device_id FROM epoch WHERE child_id = ? AND t = ?::timestamptz")) {
            q.setString(1, child);
            q.setString(2, T0.plusSeconds(60L * plus).toString());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getObject(1) + "/" + rs.getObject(2) + "/" + rs.getString(3) : "none";
            }
        }
    }

    @Test
    void stepsAreStoredAndAMinuteSentAgainIsADuplicate() throws SQLException {
        List<EpochRecord> epochs = List.of(minute(0, 80f, 12), minute(1, null, 30));
        assertThat(asApp(
                        c -> EpochBulkInsert.insert(c, "t1", "c1", "d1", epochs).size()))
                .isEqualTo(2);
        assertThat(row("c1", 0)).isEqualTo("80.0/12/d1");
        assertThat(row("c1", 1)).isEqualTo("null/30/d1");

        List<EpochRecord> again = List.of(minute(1, 90f, null), minute(2, 91f, null));
        assertThat(asApp(c -> EpochBulkInsert.insert(c, "t1", "c1", "d1", again).size()))
                .as("only the new minute counts")
                .isEqualTo(1);
        assertThat(row("c1", 1)).as("a stored minute stays as it is").isEqualTo("null/30/d1");
    }

    @Test
    void completingGivesAStoredMinuteOfTheSameDeviceOnlyTheMeasuresItLacks() throws SQLException {
        assertThat(asApp(c -> EpochBulkInsert.insertOrComplete(
                                c, "t1", "c2", "d1", List.of(minute(0, 80f, null), minute(1, 81f, 5)))
                        .size()))
                .isEqualTo(2);

        List<EpochRecord> steps = List.of(minute(0, null, 40), minute(1, 99f, 7), minute(2, null, 9));
        assertThat(asApp(c -> EpochBulkInsert.insertOrComplete(c, "t1", "c2", "d1", steps)
                        .size()))
                .as("minute 0 gains steps, minute 2 is new, minute 1 gains nothing")
                .isEqualTo(2);
        assertThat(row("c2", 0)).isEqualTo("80.0/40/d1");
        assertThat(row("c2", 1)).as("stored measures stay").isEqualTo("81.0/5/d1");
        assertThat(row("c2", 2)).isEqualTo("null/9/d1");

        assertThat(asApp(c -> EpochBulkInsert.insertOrComplete(c, "t1", "c2", "d1", steps)
                        .size()))
                .as("sent again: nothing to gain")
                .isZero();
        assertThat(asApp(c -> EpochBulkInsert.insertOrComplete(c, "t1", "c2", "d2", List.of(minute(2, 70f, null)))
                        .size()))
                .as("another device's minute is not completed")
                .isZero();
        assertThat(row("c2", 2)).isEqualTo("null/9/d1");
    }
}
