package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.number;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.cohort.ChildDay;
import org.zenmoon.domain.model.cohort.ChildNight;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.Cohort;
import org.zenmoon.domain.model.cohort.CohortDays;
import org.zenmoon.domain.model.cohort.CohortFigures;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.domain.model.cohort.SchoolEvent;
import org.zenmoon.domain.model.cohort.StaffAssignment;

/** Cohorts and their figures. The aggregations run in PostgreSQL, as native SQL that names the tenant (?1). */
@ApplicationScoped
public class JpaCohortRepository implements CohortRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public List<CohortSummary> summaries(ChildScope scope) {
        Predicate<String> inScope;
        if (scope instanceof ChildScope.WholeTenant) {
            inScope = id -> true;
        } else if (scope instanceof ChildScope.Cohorts cohorts) {
            inScope = cohorts.cohortIds()::contains;
        } else {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(
                        em,
                        "SELECT h.id, h.name, h.kind, "
                                + "(SELECT count(*) FROM child c WHERE c.tenant_id = h.tenant_id AND c.cohort_id = h.id) "
                                + "FROM cohort h WHERE h.tenant_id = ?1 ORDER BY h.name")
                .getResultList();
        return rows.stream()
                .filter(r -> inScope.test((String) r[0]))
                .map(r -> new CohortSummary(
                        (String) r[0], (String) r[1], CohortKind.valueOf((String) r[2]), ((Number) r[3]).longValue()))
                .toList();
    }

    @Override
    public Set<String> assignedTo(String userId) {
        @SuppressWarnings("unchecked")
        List<String> ids = nativeQuery(em, "SELECT cohort_id FROM staff_cohort WHERE tenant_id = ?1 AND user_id = ?2")
                .setParameter(2, userId)
                .getResultList();
        return ids.stream().collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void assign(String userId, Set<String> cohortIds) {
        em.createQuery("DELETE FROM StaffAssignment a WHERE a.userId = :u")
                .setParameter("u", userId)
                .executeUpdate();
        for (String cohortId : cohortIds) {
            em.persist(new StaffAssignment(userId, cohortId));
        }
        em.flush();
    }

    @Override
    public Set<String> existing(Set<String> cohortIds) {
        if (cohortIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("SELECT h.id FROM Cohort h WHERE h.id IN :ids", String.class)
                .setParameter("ids", List.copyOf(cohortIds))
                .getResultList());
    }

    @Override
    public boolean nameTaken(String name) {
        return !em.createQuery("SELECT h.id FROM Cohort h WHERE LOWER(h.name) = LOWER(:n)", String.class)
                .setParameter("n", name)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void add(Cohort cohort) {
        em.persist(cohort);
        em.flush();
    }

    @Override
    public void add(SchoolEvent event) {
        em.persist(event);
        em.flush();
    }

    /** A 12-hour bin's length (V11's {@code epoch_bin}). */
    static final Duration BIN = Duration.ofHours(12);

    /** The start of the 12-hour bin that holds {@code t} (bins start at midnight and noon UTC). */
    static Instant binOf(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), BIN.toSeconds()) * BIN.toSeconds());
    }

    /**
     * The week figures of the class's children from their 12-hour sums (V11's {@code epoch_bin}, one range of its key
     * per child): the bins from the first that starts at or after {@code since}, and the minutes of the bin that
     * {@code since} falls in, from {@code since} on, from the epochs (at most 12 hours of one child's), so that the
     * week starts at {@code since} to the minute, as it did when the figures were read from the epochs alone. The
     * child's last minute is its last bin's. A child without epochs gets a row too, with nulls and zeros.
     */
    @Override
    public List<ChildWeek> childWeeks(String cohortId, Instant since) {
        Instant firstBin = binOf(since).equals(since) ? since : binOf(since).plus(BIN);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(
                        em,
                        "SELECT c.id, c.pseudonym, c.birth_year, c.chronotype, "
                                + "(SELECT b.last_t FROM epoch_bin b WHERE b.tenant_id = c.tenant_id "
                                + "AND b.child_id = c.id ORDER BY b.h DESC LIMIT 1), "
                                + "sum(w.hr_sum) / nullif(sum(w.hr_n), 0), "
                                + "sum(w.stress_sum) / nullif(sum(w.stress_n), 0), "
                                + "sum(w.asleep) / 60.0 / 7, sum(w.minutes) / 60.0 / 7 "
                                + "FROM child c CROSS JOIN LATERAL ("
                                + "SELECT b.minutes, b.stress_n, b.stress_sum, b.hr_n, b.hr_sum, b.asleep "
                                + "FROM epoch_bin b WHERE b.tenant_id = c.tenant_id AND b.child_id = c.id "
                                + "AND b.h >= ?4 "
                                + "UNION ALL SELECT count(*), count(e.stress), coalesce(sum(e.stress::float8), 0), "
                                + "count(e.hr), coalesce(sum(e.hr::float8), 0), "
                                + "count(*) FILTER (WHERE e.sleep_state = 'SLEEP') "
                                + "FROM epoch e WHERE e.tenant_id = c.tenant_id AND e.child_id = c.id "
                                + "AND e.t >= ?3 AND e.t < ?4) w "
                                + "WHERE c.tenant_id = ?1 AND c.cohort_id = ?2 "
                                + "GROUP BY c.tenant_id, c.id, c.pseudonym, c.birth_year, c.chronotype "
                                + "ORDER BY c.pseudonym")
                .setParameter(2, cohortId)
                .setParameter(3, Timestamp.from(since))
                .setParameter(4, Timestamp.from(firstBin))
                .getResultList();
        return rows.stream()
                .map(r -> new ChildWeek(
                        (String) r[0],
                        (String) r[1],
                        ((Number) r[2]).intValue(),
                        (String) r[3],
                        r[4] == null ? null : ((Timestamp) r[4]).toInstant(),
                        number(r[5]),
                        number(r[6]),
                        r[5] == null ? null : number(r[7]),
                        number(r[8])))
                .toList();
    }

    /**
     * One pass over the analysed children's half-day bins of the whole period (midnight to noon and noon to midnight,
     * UTC: each lies in one day and one night, the days of the tenant's {@link CohortDays}, shifted by ?12 hours), summed at ingestion (V11's {@code epoch_bin}, a range of its key per
     * child); the bins summed into days and nights, and those per child over the recent and the usual period. A night
     * counts only with a sleep state for ?9 of its minutes, so that a night the device was off for is not a short
     * night. The child's first minute is its first bin's. The bins run to ?6, which may lie after midnight of ?4 (the
     * dashboard reads up to now): every figure of the rule is bounded by ?4 itself. The bin that ?6 falls in (from
     * ?11) is summed from the epochs before ?6, as all bins were before V11, so the figures are the same. The same bins give each child's days with stress readings of the ?10 days before ?4 and its nights
     * with sleep of the ?10 nights up to the one that began the evening before ?4, as JSON arrays, for the charts.
     */
    private static final String TRENDS = "WITH kids AS ("
            + "SELECT c.tenant_id, c.id, c.pseudonym, c.chronotype, c.id = ANY(string_to_array(?3, ',')) AS analysed "
            + "FROM child c WHERE c.tenant_id = ?1 AND c.cohort_id = ?2), "
            // Lateral, so that each child is one range of the bins' key; the last bin, up to ?6, from the epochs.
            + "bins AS (SELECT k.id AS child_id, x.* FROM kids k CROSS JOIN LATERAL ("
            + "SELECT b.h, b.minutes, b.stress_n, b.stress_sum, b.scored, b.asleep "
            + "FROM epoch_bin b WHERE b.tenant_id = k.tenant_id AND b.child_id = k.id AND b.h >= ?5 AND b.h < ?11 "
            + "UNION ALL SELECT CAST(?11 AS timestamptz), count(*), count(e.stress), "
            + "coalesce(sum(e.stress::float8), 0), "
            + "count(*) FILTER (WHERE e.sleep_state IN ('SLEEP', 'WAKE')), "
            + "count(*) FILTER (WHERE e.sleep_state = 'SLEEP') "
            + "FROM epoch e WHERE e.tenant_id = k.tenant_id AND e.child_id = k.id AND e.t >= ?11 AND e.t < ?6 "
            + "HAVING count(*) > 0) x WHERE k.analysed), "
            + "b AS (SELECT CAST(?4 AS date) AS to_d, CAST(?7 AS integer) AS r, CAST(?8 AS integer) AS u, "
            + "CAST(?9 AS integer) AS full_night, CAST(?10 AS integer) AS chart), "
            + "days AS (SELECT child_id, ((h AT TIME ZONE 'UTC') + make_interval(hours => CAST(?12 AS integer)))::date "
            + "AS d, sum(minutes) AS minutes, "
            + "sum(stress_n) AS stress_n, sum(stress_sum) AS stress_sum FROM bins GROUP BY child_id, d), "
            // The night of evening n runs from noon on n to noon on n + 1, and ends on the morning of n + 1.
            + "nights AS (SELECT child_id, ((h AT TIME ZONE 'UTC') + make_interval(hours => CAST(?12 AS integer)) "
            + "- interval '12 hours')::date AS n, "
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
            + "(SELECT b.first_t FROM epoch_bin b WHERE b.tenant_id = k.tenant_id AND b.child_id = k.id "
            + "ORDER BY b.h LIMIT 1) END, "
            + "coalesce(df.recent_minutes, 0), coalesce(df.recent_sum, 0), coalesce(df.recent_n, 0), "
            + "coalesce(df.recent_days, 0), coalesce(df.usual_sum, 0), coalesce(df.usual_n, 0), "
            + "coalesce(df.usual_days, 0), coalesce(nf.recent_asleep, 0), coalesce(nf.recent_nights, 0), "
            + "coalesce(nf.usual_asleep, 0), coalesce(nf.usual_nights, 0), "
            + "CAST(df.chart_days AS text), CAST(nf.chart_nights AS text) "
            + "FROM kids k LEFT JOIN day_figures df ON df.child_id = k.id LEFT JOIN night_figures nf ON nf.child_id = k.id "
            + "ORDER BY k.pseudonym";

    @Override
    public List<ChildTrend> trends(
            String cohortId,
            Set<String> analysed,
            LocalDate today,
            CohortDays days,
            int recentDays,
            int usualDays,
            int fullNightMinutes) {
        Instant to = days.startOf(today);
        return figures(cohortId, analysed, today, days, to, recentDays, usualDays, fullNightMinutes, 0)
                .trends();
    }

    @Override
    public CohortFigures figures(
            String cohortId,
            Set<String> analysed,
            Instant now,
            CohortDays days,
            int recentDays,
            int usualDays,
            int fullNightMinutes,
            int chartDays) {
        return figures(
                cohortId, analysed, days.dayOf(now), days, now, recentDays, usualDays, fullNightMinutes, chartDays);
    }

    /** The figures of the days before {@code today}, from the epochs before {@code until}. */
    private CohortFigures figures(
            String cohortId,
            Set<String> analysed,
            LocalDate today,
            CohortDays frame,
            Instant until,
            int recentDays,
            int usualDays,
            int fullNightMinutes,
            int chartDays) {
        Instant to = frame.startOf(today);
        // The first usual night starts at noon of the evening before the first usual day.
        Instant from = to.minus(Duration.ofDays(recentDays + (long) usualDays)).minus(Duration.ofHours(12));
        // No figure reads a minute from noon of today on (its day and its night are today's, never counted).
        Instant end = until.isBefore(to.plus(BIN)) ? until : to.plus(BIN);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(em, TRENDS)
                .setParameter(2, cohortId)
                .setParameter(3, String.join(",", analysed))
                .setParameter(4, java.sql.Date.valueOf(today))
                .setParameter(5, Timestamp.from(from))
                .setParameter(6, Timestamp.from(end))
                .setParameter(7, recentDays)
                .setParameter(8, usualDays)
                .setParameter(9, fullNightMinutes)
                .setParameter(10, chartDays)
                .setParameter(11, Timestamp.from(binOf(end)))
                .setParameter(12, frame.shiftHours())
                .getResultList();
        List<ChildTrend> trends = new ArrayList<>(rows.size());
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
            for (JsonArray day : jsonArrays((String) r[16])) {
                days.add(new ChildDay(
                        childId,
                        LocalDate.parse(day.getString(0)),
                        day.getJsonNumber(1).doubleValue(),
                        day.getJsonNumber(2).longValue()));
            }
            for (JsonArray night : jsonArrays((String) r[17])) {
                nights.add(new ChildNight(
                        childId,
                        LocalDate.parse(night.getString(0)),
                        night.getJsonNumber(1).longValue()));
            }
        }
        return new CohortFigures(List.copyOf(trends), List.copyOf(days), List.copyOf(nights));
    }

    /** The arrays of a JSON array of arrays; none for SQL's null (no such day or night). */
    private static List<JsonArray> jsonArrays(String json) {
        if (json == null) {
            return List.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonArray.class);
        }
    }
}
