package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V12's {@code zenmoon_drop_expired_epoch_partitions}, called as the server's application role (which may drop no
 * table itself): it drops the month partitions that every tenant's retention period has passed, and no other; the
 * tenant that keeps longest decides.
 */
class ExpiredPartitionsTest {

    static final String APP = MigratedPostgres.APP;
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

    /** The first day of the current month (UTC). */
    static final LocalDate THIS_MONTH = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);

    static EmbeddedPostgres pg;

    @BeforeAll
    static void migrate() throws Exception {
        pg = MigratedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void onlyMonthsThatEveryTenantsPeriodHasPassedAreDropped() throws Exception {
        // Two years of months, a minute in each for both tenants, and one minute in the default partition.
        owner("SELECT zenmoon_ensure_epoch_partitions('" + THIS_MONTH.minusMonths(24) + "T00:00:00Z', '"
                + THIS_MONTH.plusMonths(1) + "T00:00:00Z')");
        for (String t : List.of("short", "long")) {
            owner(
                    ("INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES ('@', 'School @', 'SCHOOL',"
                                    + " 'FERPA', 30);"
                                    + "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('@', 'h', 'Class', 'CLASS');"
                                    + "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id) VALUES"
                                    + " ('@', 'c', 'Otter', 2015, 'h');"
                                    + "INSERT INTO epoch (tenant_id, child_id, t, hr) SELECT '@', 'c', m + interval '1 day', 80"
                                    + " FROM generate_series(date_trunc('month', now()) - interval '24 months',"
                                    + " date_trunc('month', now()), interval '1 month') AS m;"
                                    + "INSERT INTO epoch (tenant_id, child_id, t, hr) VALUES ('@', 'c', '2001-01-01T00:00:00Z', 80)")
                            .replace("@", t));
        }
        owner("UPDATE tenant SET retention_days = 400 WHERE id = 'long'");
        int months = partitions().size();

        List<String> dropped = asApp("SELECT zenmoon_drop_expired_epoch_partitions()");

        // 400 days back lies in the month 14 months ago (or 13, early in a month): that month and later stay.
        LocalDate keptFrom = LocalDate.now(ZoneOffset.UTC).minusDays(400).withDayOfMonth(1);
        List<String> expected = new ArrayList<>();
        for (LocalDate m = THIS_MONTH.minusMonths(24); m.isBefore(keptFrom); m = m.plusMonths(1)) {
            expected.add("epoch_" + m.format(MONTH));
        }
        assertThat(expected).hasSizeBetween(10, 11);
        assertThat(dropped).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(partitions()).hasSize(months - expected.size()).contains("epoch_" + keptFrom.format(MONTH));
        // Both tenants lost exactly the minutes of those months; the default partition keeps its old minute for the
        // per-child deletes.
        for (String t : List.of("short", "long")) {
            assertThat(count("SELECT count(*) FROM epoch WHERE tenant_id = '" + t + "' AND t < '2002-01-01'"))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM epoch WHERE tenant_id = '" + t + "' AND t >= '2002-01-01'"))
                    .isEqualTo(25 - expected.size());
        }
        // Nothing more to drop; a tenant that keeps everything stops all drops.
        assertThat(asApp("SELECT zenmoon_drop_expired_epoch_partitions()")).isEmpty();
        owner("UPDATE tenant SET retention_days = 36500 WHERE id = 'short'");
        owner("SELECT zenmoon_ensure_epoch_partitions('" + THIS_MONTH.minusMonths(24) + "T00:00:00Z', '"
                + THIS_MONTH.plusMonths(1) + "T00:00:00Z')");
        assertThat(asApp("SELECT zenmoon_drop_expired_epoch_partitions()")).isEmpty();
    }

    @Test
    void theApplicationRoleCannotDropAPartitionItself() throws Exception {
        String name = "epoch_" + THIS_MONTH.format(MONTH);
        owner("SELECT zenmoon_ensure_epoch_partitions('" + THIS_MONTH + "T00:00:00Z', '" + THIS_MONTH.plusMonths(1)
                + "T00:00:00Z')");
        assertThatThrownBy(() -> asApp("DROP TABLE " + name))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("must be owner");
        assertThat(partitions()).contains(name);
    }

    static List<String> partitions() throws SQLException {
        return query(
                pg.getPostgresDatabase().getConnection(),
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'epoch'::regclass AND c.relname <> 'epoch_default'");
    }

    static long count(String sql) throws SQLException {
        return Long.parseLong(
                query(pg.getPostgresDatabase().getConnection(), sql).get(0));
    }

    static void owner(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> asApp(String sql) throws SQLException {
        return query(pg.getDatabase(APP, "postgres").getConnection(), sql);
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        try (Connection c = connection;
                Statement s = c.createStatement()) {
            List<String> out = new ArrayList<>();
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        }
    }
}
