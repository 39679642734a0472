package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.cohort.ChildDay;
import org.zenmoon.domain.model.cohort.ChildNight;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.CohortDays;
import org.zenmoon.domain.model.cohort.CohortFigures;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The 12-hour sums (V11's {@code epoch_bin}) on a real PostgreSQL, written through the bulk insert as the server's
 * application role behind the tenant wall: after uploads with a resent batch, an overlapping one, a completing one
 * (Open mHealth) and one rolled back, the bins are exactly the sums of the stored epochs; and the dashboard's figures
 * read from them are those the statements that read the epochs alone gave (kept here, as they were before V11, as the
 * reference).
 */
class EpochBinsTest {

    static final String APP = MigratedPostgres.APP;
    static final LocalDate TODAY = LocalDate.parse("2026-03-20");
    static final Instant FIRST = Instant.parse("2026-02-08T00:00:00Z");
    /** Minutes after the dashboard's "now" too: no figure may count them. */
    static final Instant LAST = Instant.parse("2026-03-21T10:00:00Z");

    static EmbeddedPostgres pg;
    static EntityManagerFactory emf;

    /** The reference: the at-risk rule's pass as it read the epochs before V11 (JpaCohortRepository.TRENDS). */
    static final String OLD_TRENDS = "WITH kids AS ("
            + "SELECT c.tenant_id, c.id, c.pseudonym, c.chronotype, c.id = ANY(string_to_array(?3, ',')) AS analysed "
            + "FROM child c WHERE c.tenant_id = ?1 AND c.cohort_id = ?2), "
            // Lateral, so that each child is one range scan of the index rather than a scan of whole partitions.
            + "bins AS (SELECT k.id AS child_id, x.* FROM kids k CROSS JOIN LATERAL ("
            + "SELECT date_bin('12 hours', e.t, timestamptz '2000-01-01 00:00:00+00') AS h, "
            + "count(*) AS minutes, count(e.stress) AS stress_n, sum(e.stress::float8) AS stress_sum, "
            + "count(*) FILTER (WHERE e.sleep_state IN ('SLEEP', 'WAKE')) AS scored, "
            + "count(*) FILTER (WHERE e.sleep_state = 'SLEEP') AS asleep "
            + "FROM epoch e WHERE e.tenant_id = k.tenant_id AND e.child_id = k.id AND e.t >= ?5 AND e.t < ?6 "
            + "GROUP BY h) x WHERE k.analysed), "
            + "b AS (SELECT CAST(?4 AS date) AS to_d, CAST(?7 AS integer) AS r, CAST(?8 AS integer) AS u, "
            + "CAST(?9 AS integer) AS full_night, CAST(?10 AS integer) AS chart), "
            + "days AS (SELECT child_id, (h AT TIME ZONE 'UTC')::date AS d, sum(minutes) AS minutes, "
            + "sum(stress_n) AS stress_n, sum(stress_sum) AS stress_sum FROM bins GROUP BY child_id, d), "
            // The night of evening n runs from noon on n to noon on n + 1, and ends on the morning of n + 1.
            + "nights AS (SELECT child_id, ((h AT TIME ZONE 'UTC') - interval '12 hours')::date AS n, "
            + "sum(scored) AS scored, sum(asleep) AS asleep FROM bins GROUP BY child_id, n), "
            + "day_figures AS (SELECT child_id, "
            + "sum(minutes) FILTER (WHERE d >= to_d - r AND d < to_d) AS recent_minutes, "
            + "sum(stress_sum) FILTER (WHERE d >= to_d - r AND d < to_d) AS recent_sum, "
            + "sum(stress_n) FILTER (WHERE d >= to_d - r AND d < to_d) AS recent_n, "
            + "count(*) FILTER (WHERE d >= to_d - r AND d < to_d AND stress_n > 0) AS recent_days, "
            + "sum(stress_sum) FILTER (WHERE d >= to_d - r - u AND d < to_d - r) AS usual_sum, "
            + "sum(stress_n) FILTER (WHERE d >= to_d - r - u AND d < to_d - r) AS usual_n, "
            + "count(*) FILTER (WHERE d >= to_d - r - u AND d < to_d - r AND stress_n > 0) AS usual_days, "
            + "json_agg(json_build_array(d, stress_sum, stress_n) ORDER BY d) "
            + "FILTER (WHERE d >= to_d - chart AND d < to_d AND stress_n > 0) AS chart_days "
            + "FROM days CROSS JOIN b GROUP BY child_id), "
            + "night_figures AS (SELECT child_id, "
            + "sum(asleep) FILTER (WHERE n >= to_d - r - 1 AND n < to_d - 1 AND scored >= full_night) AS recent_asleep, "
            + "count(*) FILTER (WHERE n >= to_d - r - 1 AND n < to_d - 1 AND scored >= full_night) AS recent_nights, "
            + "sum(asleep) FILTER (WHERE n >= to_d - r - u - 1 AND n < to_d - r - 1 AND scored >= full_night) "
            + "AS usual_asleep, "
            + "count(*) FILTER (WHERE n >= to_d - r - u - 1 AND n < to_d - r - 1 AND scored >= full_night) "
            + "AS usual_nights, "
            + "json_agg(json_build_array(n, asleep) ORDER BY n) "
            + "FILTER (WHERE n >= to_d - chart AND n < to_d AND asleep > 0) AS chart_nights "
            + "FROM nights CROSS JOIN b GROUP BY child_id) "
            + "SELECT k.id, k.pseudonym, k.chronotype, k.analysed, "
            + "CASE WHEN k.analysed THEN "
            + "(SELECT min(x.t) FROM epoch x WHERE x.tenant_id = k.tenant_id AND x.child_id = k.id) END, "
            + "coalesce(df.recent_minutes, 0), coalesce(df.recent_sum, 0), coalesce(df.recent_n, 0), "
            + "coalesce(df.recent_days, 0), coalesce(df.usual_sum, 0), coalesce(df.usual_n, 0), "
            + "coalesce(df.usual_days, 0), coalesce(nf.recent_asleep, 0), coalesce(nf.recent_nights, 0), "
            + "coalesce(nf.usual_asleep, 0), coalesce(nf.usual_nights, 0), "
            + "CAST(df.chart_days AS text), CAST(nf.chart_nights AS text) "
            + "FROM kids k LEFT JOIN day_figures df ON df.child_id = k.id LEFT JOIN night_figures nf ON nf.child_id = k.id "
            + "ORDER BY k.pseudonym";

    /** The reference: the week figures as they were read from the epochs before V11. */
    static final String OLD_WEEKS = "SELECT c.id, c.pseudonym, c.birth_year, c.chronotype, "
            + "(SELECT max(x.t) FROM epoch x WHERE x.tenant_id = c.tenant_id AND x.child_id = c.id), "
            + "w.hr, w.stress, w.asleep, w.worn "
            + "FROM child c CROSS JOIN LATERAL ("
            + "SELECT avg(e.hr) AS hr, avg(e.stress) AS stress, "
            + "count(*) FILTER (WHERE e.sleep_state = 'SLEEP') / 60.0 / 7 AS asleep, "
            + "count(e.t) / 60.0 / 7 AS worn "
            + "FROM epoch e WHERE e.tenant_id = c.tenant_id AND e.child_id = c.id AND e.t >= ?3) w "
            + "WHERE c.tenant_id = ?1 AND c.cohort_id = ?2 ORDER BY c.pseudonym";

    /** The sums of each bin, straight from the epochs. */
    static final String EPOCH_SUMS = "SELECT tenant_id, child_id, "
            + "date_bin('12 hours', t, timestamptz '2000-01-01 00:00:00+00') AS h, count(*), count(stress), "
            + "coalesce(sum(stress::float8), 0), count(hr), coalesce(sum(hr::float8), 0), "
            + "count(*) FILTER (WHERE sleep_state IN ('SLEEP', 'WAKE')), count(*) FILTER (WHERE sleep_state = 'SLEEP'), "
            + "min(t), max(t) FROM epoch GROUP BY tenant_id, child_id, h ORDER BY tenant_id, child_id, h";

    static final String BINS = "SELECT tenant_id, child_id, h, minutes, stress_n, stress_sum, hr_n, hr_sum, scored, "
            + "asleep, first_t, last_t FROM epoch_bin ORDER BY tenant_id, child_id, h";

    @BeforeAll
    static void migrateAndUpload() throws Exception {
        pg = MigratedPostgres.start();
        emf = MigratedPostgres.applicationUnit(pg);
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT zenmoon_ensure_epoch_partitions('2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z')");
            for (String t : List.of("t1", "t2")) {
                s.execute(("INSERT INTO tenant (id, name, kind, legal_regime, retention_days) VALUES"
                                + " ('@', 'School @', 'SCHOOL', 'FERPA', 365);"
                                + "INSERT INTO cohort (tenant_id, id, name, kind) VALUES ('@', 'h1', 'Class', 'CLASS');"
                                + "INSERT INTO child (tenant_id, id, pseudonym, birth_year, cohort_id, chronotype) VALUES"
                                + " ('@', 'c1', 'Otter', 2015, 'h1', 'night_owl'), ('@', 'c2', 'Heron', 2014, 'h1', null),"
                                + " ('@', 'c3', 'Lynx', 2016, 'h1', 'early_bird'), ('@', 'c4', 'Crane', 2015, 'h1', null)")
                        .replace("@", t));
            }
        }
        // Otter: a day per upload, but the 15th only until noon; then the same day sent again, and a batch from 06:00
        // to 18:00 of the 15th (half of it stored already).
        for (LocalDate d = LocalDate.parse("2026-02-08");
                !d.isAfter(LocalDate.parse("2026-03-21"));
                d = d.plusDays(1)) {
            Instant from = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = d.equals(LocalDate.parse("2026-03-15"))
                    ? from.plus(Duration.ofHours(12))
                    : from.plus(Duration.ofDays(1));
            List<EpochRecord> day = minutes(from, to.isAfter(LAST) ? LAST : to);
            assertThat(asApp(
                            "t1",
                            c -> EpochBulkInsert.insert(c, "t1", "c1", "d1", day)
                                    .size()))
                    .isEqualTo(day.size());
        }
        List<EpochRecord> resent =
                minutes(Instant.parse("2026-03-14T00:00:00Z"), Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(asApp(
                        "t1",
                        c -> EpochBulkInsert.insert(c, "t1", "c1", "d1", resent).size()))
                .as("a batch sent again stores nothing")
                .isZero();
        List<EpochRecord> overlapping =
                minutes(Instant.parse("2026-03-15T06:00:00Z"), Instant.parse("2026-03-15T18:00:00Z"));
        assertThat(asApp(
                        "t1",
                        c -> EpochBulkInsert.insert(c, "t1", "c1", "d1", overlapping)
                                .size()))
                .as("only the minutes after noon are new")
                .isEqualTo(360);
        // Heron: heart rate only, then (Open mHealth) stress and sleep for stored minutes and some new ones; another
        // device's minutes complete nothing.
        Instant heronFrom = Instant.parse("2026-03-08T17:00:00Z");
        List<EpochRecord> hrOnly = minutes(heronFrom, Instant.parse("2026-03-19T09:00:00Z")).stream()
                .map(e -> new EpochRecord(e.t(), e.hr(), null, null, null, null, null, null, null, null, null, null))
                .toList();
        asApp(
                "t1",
                c -> EpochBulkInsert.insertOrComplete(c, "t1", "c2", "d2", hrOnly)
                        .size());
        List<EpochRecord> completing =
                minutes(Instant.parse("2026-03-12T05:30:00Z"), Instant.parse("2026-03-19T20:00:00Z"));
        assertThat(asApp(
                        "t1",
                        c -> EpochBulkInsert.insertOrComplete(c, "t1", "c2", "d2", completing)
                                .size()))
                .isEqualTo(completing.size());
        assertThat(asApp(
                        "t1",
                        c -> EpochBulkInsert.insertOrComplete(c, "t1", "c2", "d9", completing)
                                .size()))
                .isZero();
        // Lynx (no analysis consent in the figures below) and the other tenant's Otter.
        asApp(
                "t1",
                c -> EpochBulkInsert.insert(c, "t1", "c3", "d3", minutes(Instant.parse("2026-03-01T00:00:00Z"), LAST))
                        .size());
        asApp(
                "t2",
                c -> EpochBulkInsert.insert(c, "t2", "c1", "d4", minutes(Instant.parse("2026-03-10T03:00:00Z"), LAST))
                        .size());
    }

    @AfterAll
    static void stop() throws Exception {
        emf.close();
        pg.close();
    }

    /**
     * Every minute of [from, to) but a gap from 01:00 to 05:00 on days divisible by 6 (short nights), with measures
     * that vary by the minute, some missing.
     */
    static List<EpochRecord> minutes(Instant from, Instant to) {
        List<EpochRecord> out = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            int minute = (int) (t.getEpochSecond() / 60);
            int hour = t.atOffset(ZoneOffset.UTC).getHour();
            if (t.atOffset(ZoneOffset.UTC).getDayOfMonth() % 6 == 0 && hour >= 1 && hour < 5) {
                continue;
            }
            Float hr = minute % 11 == 0 ? null : 55f + (minute * 7 % 61) + (minute % 4) * 0.25f;
            Float stress = minute % 7 == 0 ? null : (minute * 13 % 97) / 100f;
            String sleep = minute % 17 == 0
                    ? null
                    : minute % 13 == 0 ? "UNKNOWN" : (hour >= 21 || hour < 7) && minute % 5 != 0 ? "SLEEP" : "WAKE";
            out.add(new EpochRecord(t, hr, 40f, 1.5f, 12, stress, sleep, 0.9f, 2, true, 0.1f, null));
        }
        return out;
    }

    interface Write {
        int to(Connection c) throws SQLException;
    }

    /** One transaction of the application role in {@code tenant}, as the service's is. */
    static int asApp(String tenant, Write write) throws SQLException {
        try (Connection c = pg.getDatabase(APP, "postgres").getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('zenmoon.tenant_id', ?, true)")) {
                ps.setString(1, tenant);
                ps.execute();
            }
            try {
                int n = write.to(c);
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Each row of {@code sql}, as the owner sees it (every tenant), as text. */
    static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append(i < rs.getMetaData().getColumnCount() ? " | " : "");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** One transaction bound to {@code tenant}, as the tenant interceptor binds a service's. */
    static <T> T in(String tenant, Function<EntityManager, T> work) {
        return MigratedPostgres.inTenant(emf, tenant, work);
    }

    static JpaCohortRepository repository(EntityManager em) {
        JpaCohortRepository repository = new JpaCohortRepository();
        repository.em = em;
        return repository;
    }

    static final Set<String> ANALYSED = Set.of("c1", "c2", "c4");

    @Test
    void theBinsAreTheSumsOfTheStoredEpochs() throws SQLException {
        List<String> bins = rows(BINS);
        assertThat(bins).isEqualTo(rows(EPOCH_SUMS));
        // Otter's 40 days, Heron's 11, Lynx's 21, the other tenant's 12: two bins a day (and a morning).
        assertThat(bins).hasSizeGreaterThan(150);
        assertThat(rows("SELECT count(*) FROM epoch_bin WHERE child_id = 'c1' AND tenant_id = 't1' "
                        + "AND h = '2026-03-15T12:00:00Z'"))
                .containsExactly("1");
        assertThat(rows("SELECT minutes FROM epoch_bin WHERE child_id = 'c1' AND tenant_id = 't1' "
                        + "AND h = '2026-03-15T12:00:00Z'"))
                .as("the overlapping batch's new half, counted once")
                .containsExactly("360");
    }

    @Test
    void aRolledBackUploadLeavesTheBinsAsTheyWere() throws SQLException {
        List<String> before = rows(BINS);
        List<EpochRecord> more = minutes(Instant.parse("2026-03-21T10:00:00Z"), Instant.parse("2026-03-21T14:00:00Z"));
        assertThatThrownBy(() -> asApp("t1", c -> {
                    EpochBulkInsert.insert(c, "t1", "c1", "d1", more);
                    throw new SQLException("the upload failed after its insert");
                }))
                .isInstanceOf(SQLException.class);
        assertThat(rows(BINS)).isEqualTo(before);
        assertThat(rows(BINS)).isEqualTo(rows(EPOCH_SUMS));
    }

    @Test
    void theAtRiskFiguresAndChartsAreThoseTheEpochsGive() {
        for (String now : List.of("2026-03-20T09:37:00Z", "2026-03-20T15:10:00Z", "2026-03-20T00:00:00Z")) {
            CohortFigures read = in(
                    "t1",
                    em -> repository(em).figures("h1", ANALYSED, Instant.parse(now), CohortDays.UTC, 7, 28, 1200, 30));
            CohortFigures reference = in("t1", em -> oldFigures(em, Instant.parse(now), 7, 28, 1200, 30));
            assertThat(read).as("at " + now).isEqualTo(reference);
        }
        CohortFigures reference =
                in("t1", em -> oldFigures(em, Instant.parse("2026-03-20T09:37:00Z"), 7, 28, 1200, 30));
        ChildTrend otter = reference.trends().stream()
                .filter(t -> t.childId().equals("c1"))
                .findFirst()
                .orElseThrow();
        // The fixture gives every figure something to count, so that the comparison above means something.
        assertThat(otter.recentStressReadings()).isPositive();
        assertThat(otter.usualStressDays()).isPositive();
        assertThat(otter.recentNights()).isPositive();
        assertThat(otter.usualNights()).as("nights with a gap do not count").isLessThan(28);
        assertThat(otter.firstEpoch()).isEqualTo(FIRST);
        assertThat(reference.trends().stream()
                        .filter(t -> t.childId().equals("c2"))
                        .findFirst()
                        .orElseThrow()
                        .recentStressReadings())
                .as("Heron's completed stress readings")
                .isPositive();
        assertThat(reference.days()).isNotEmpty();
        assertThat(reference.nights()).extracting(ChildNight::night).contains(TODAY.minusDays(1));

        List<ChildTrend> trends =
                in("t1", em -> repository(em).trends("h1", ANALYSED, TODAY, CohortDays.UTC, 7, 28, 1200));
        assertThat(trends)
                .isEqualTo(in(
                                "t1",
                                em -> oldFigures(
                                        em, TODAY.atStartOfDay(ZoneOffset.UTC).toInstant(), 7, 28, 1200, 0))
                        .trends());
    }

    @Test
    void theWeekFiguresAreThoseTheEpochsGiveFromTheMinuteTheWeekStarts() {
        for (String since : List.of("2026-03-13T09:37:00Z", "2026-03-13T15:10:00Z", "2026-03-13T12:00:00Z")) {
            List<ChildWeek> read = in("t1", em -> repository(em).childWeeks("h1", Instant.parse(since)));
            List<ChildWeek> reference = in("t1", em -> oldWeeks(em, Instant.parse(since)));
            assertThat(read).as("since " + since).isEqualTo(reference);
            assertThat(read).extracting(ChildWeek::pseudonym).containsExactly("Crane", "Heron", "Lynx", "Otter");
            assertThat(reference.get(3).meanStress()).isNotNull().isFinite();
            assertThat(reference.get(3).lastSeen()).isEqualTo(LAST.minusSeconds(60));
            assertThat(reference.get(0).meanHr()).as("Crane has no epochs").isNull();
        }
    }

    /** The old TRENDS, bound as JpaCohortRepository bound it, and its rows read the same way. */
    static CohortFigures oldFigures(
            EntityManager em, Instant until, int recentDays, int usualDays, int fullNight, int chartDays) {
        LocalDate today = LocalDate.ofInstant(until, ZoneOffset.UTC);
        Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant from = to.minus(Duration.ofDays(recentDays + (long) usualDays)).minus(Duration.ofHours(12));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = TenantScopedQueries.nativeQuery(em, OLD_TRENDS)
                .setParameter(2, "h1")
                .setParameter(3, String.join(",", ANALYSED))
                .setParameter(4, java.sql.Date.valueOf(today))
                .setParameter(5, Timestamp.from(from))
                .setParameter(6, Timestamp.from(until))
                .setParameter(7, recentDays)
                .setParameter(8, usualDays)
                .setParameter(9, fullNight)
                .setParameter(10, chartDays)
                .getResultList();
        List<ChildTrend> trends = new ArrayList<>();
        List<ChildDay> days = new ArrayList<>();
        List<ChildNight> nights = new ArrayList<>();
        for (Object[] r : rows) {
            String childId = (String) r[0];
            trends.add(new ChildTrend(
                    childId,
                    (String) r[1],
                    (String) r[2],
                    (Boolean) r[3],
                    r[4] == null ? null : ((Timestamp) r[4]).toInstant(),
                    ((Number) r[5]).longValue(),
                    ((Number) r[6]).doubleValue(),
                    ((Number) r[7]).longValue(),
                    ((Number) r[8]).intValue(),
                    ((Number) r[9]).doubleValue(),
                    ((Number) r[10]).longValue(),
                    ((Number) r[11]).intValue(),
                    ((Number) r[12]).longValue(),
                    ((Number) r[13]).intValue(),
                    ((Number) r[14]).longValue(),
                    ((Number) r[15]).intValue()));
            for (JsonArray day : arrays((String) r[16])) {
                days.add(new ChildDay(
                        childId,
                        LocalDate.parse(day.getString(0)),
                        day.getJsonNumber(1).doubleValue(),
                        day.getJsonNumber(2).longValue()));
            }
            for (JsonArray night : arrays((String) r[17])) {
                nights.add(new ChildNight(
                        childId,
                        LocalDate.parse(night.getString(0)),
                        night.getJsonNumber(1).longValue()));
            }
        }
        return new CohortFigures(List.copyOf(trends), List.copyOf(days), List.copyOf(nights));
    }

    static List<ChildWeek> oldWeeks(EntityManager em, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = TenantScopedQueries.nativeQuery(em, OLD_WEEKS)
                .setParameter(2, "h1")
                .setParameter(3, Timestamp.from(since))
                .getResultList();
        return rows.stream()
                .map(r -> new ChildWeek(
                        (String) r[0],
                        (String) r[1],
                        ((Number) r[2]).intValue(),
                        (String) r[3],
                        r[4] == null ? null : ((Timestamp) r[4]).toInstant(),
                        TenantScopedQueries.number(r[5]),
                        TenantScopedQueries.number(r[6]),
                        r[5] == null ? null : TenantScopedQueries.number(r[7]),
                        TenantScopedQueries.number(r[8])))
                .toList();
    }

    static List<JsonArray> arrays(String json) {
        if (json == null) {
            return List.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonArray.class);
        }
    }
}
