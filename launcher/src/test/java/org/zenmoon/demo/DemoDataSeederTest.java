package org.zenmoon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.EpochPartitionUpkeep;

/** Demo data goes only into an empty database: an IT admin's tenants are never mixed with demo accounts. */
class DemoDataSeederTest {

    @Test
    void aDatabaseWithTenantsIsLeftAlone() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            migrate(pg);
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES ('t1', 'School', 'SCHOOL', 'FERPA', 365)");
                int partitions = partitions(s);
                assertThat(DemoDataSeeder.prepare(c, LocalDate.of(2026, 11, 1), Instant.parse("2026-11-01T09:30:00Z")))
                        .as("to be seeded")
                        .isFalse();
                assertThat(partitions(s)).as("epoch partitions after prepare").isEqualTo(partitions);
                DemoDataSeeder.Result r =
                        DemoDataSeeder.seedIfEmpty(c, 1, LocalDate.of(2026, 11, 1), "demo".toCharArray());
                assertThat(r.seeded()).isFalse();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM app_user")) {
                    rs.next();
                    assertThat(rs.getInt(1))
                            .as("accounts after a refused seeding")
                            .isZero();
                }
            }
        }
    }

    /**
     * The launcher starts the server while the demo data is written: the server's partition upkeep at its start must
     * find every month made already, and not wait for the seeding's transaction (which has emptied the epoch tables
     * again, holding them until it commits) to make one.
     */
    @Test
    void prepareMakesTheMonthsTheServerMakesAtItsStartSoThatItDoesNotWaitForTheSeeding() throws Exception {
        // Half a minute before the midnight 93 days (the upkeep's AHEAD) before 1 February: the server, reading its
        // clock a minute later, makes its months up to February, the launcher's reading up to January.
        LocalDate endDay = LocalDate.of(2026, 10, 30);
        Instant now = Instant.parse("2026-10-30T23:59:30Z");
        Instant serverNow = now.plusSeconds(60);
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            migrate(pg);
            try (Connection seeding = pg.getPostgresDatabase().getConnection();
                    Connection server = pg.getPostgresDatabase().getConnection();
                    Statement s = seeding.createStatement()) {
                assertThat(DemoDataSeeder.prepare(seeding, endDay, now))
                        .as("an empty database is to be seeded")
                        .isTrue();
                seeding.setAutoCommit(false);
                s.execute("TRUNCATE epoch, epoch_bin");
                try (Statement t = server.createStatement()) {
                    t.execute("SET lock_timeout = '2s'");
                }
                assertThat(ensure(
                                server,
                                serverNow.minus(EpochPartitionUpkeep.BEHIND),
                                serverNow.plus(EpochPartitionUpkeep.AHEAD)))
                        .as("months the server's upkeep still had to make")
                        .isZero();
                assertThat(ensure(server, Instant.parse("2026-08-31T00:00:00Z"), Instant.parse("2026-12-30T00:00:00Z")))
                        .as("months of the demo's 60 days and the two after them still to make")
                        .isZero();
                seeding.rollback();
            }
        }
    }

    private static void migrate(EmbeddedPostgres pg) {
        Flyway.configure()
                .dataSource(pg.getPostgresDatabase())
                .locations("classpath:db/migration")
                .placeholders(java.util.Map.of("appRole", "zenmoon_app"))
                .load()
                .migrate();
    }

    private static int ensure(Connection c, Instant from, Instant to) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT zenmoon_ensure_epoch_partitions(?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int partitions(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_inherits WHERE inhparent = 'epoch'::regclass")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
