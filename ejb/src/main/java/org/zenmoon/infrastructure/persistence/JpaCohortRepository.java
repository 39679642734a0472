package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.number;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.cohort.ChildTrend;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.Cohort;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.cohort.CohortSummary;
import org.zenmoon.domain.model.cohort.DailyStress;
import org.zenmoon.domain.model.cohort.NightlySleep;
import org.zenmoon.domain.model.cohort.SchoolEvent;
import org.zenmoon.domain.model.cohort.StaffAssignment;

/** Cohorts and their figures. The aggregations run in PostgreSQL, as native SQL that names the tenant (?1). */
@ApplicationScoped
public class JpaCohortRepository implements CohortRepository {

    /** A night is attributed to the date of its evening: epochs are shifted back 12 hours before dating. */
    private static final String NIGHT = "((e.t AT TIME ZONE 'UTC') - interval '12 hours')::date";

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

    @Override
    public List<ChildWeek> childWeeks(String cohortId, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(
                        em,
                        "SELECT c.id, c.pseudonym, c.birth_year, c.chronotype, "
                                + "(SELECT max(x.t) FROM epoch x WHERE x.tenant_id = c.tenant_id AND x.child_id = c.id), "
                                + "avg(e.hr), avg(e.stress), "
                                + "count(*) FILTER (WHERE e.sleep_state = 'SLEEP') / 60.0 / 7, "
                                + "count(e.t) / 60.0 / 7 "
                                + "FROM child c LEFT JOIN epoch e ON e.tenant_id = c.tenant_id AND e.child_id = c.id AND e.t >= ?3 "
                                + "WHERE c.tenant_id = ?1 AND c.cohort_id = ?2 "
                                + "GROUP BY c.tenant_id, c.id, c.pseudonym, c.birth_year, c.chronotype ORDER BY c.pseudonym")
                .setParameter(2, cohortId)
                .setParameter(3, Timestamp.from(since))
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

    @Override
    public List<NightlySleep> nightlySleep(String cohortId, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(
                        em,
                        "SELECT night, avg(minutes) / 60.0, count(*) FROM ("
                                + "SELECT e.child_id, " + NIGHT + " AS night, count(*) AS minutes "
                                + "FROM epoch e JOIN child c ON c.tenant_id = e.tenant_id AND c.id = e.child_id "
                                + "WHERE e.tenant_id = ?1 AND c.cohort_id = ?2 AND e.t >= ?3 AND e.sleep_state = 'SLEEP' "
                                + "GROUP BY e.child_id, night) per_child GROUP BY night ORDER BY night")
                .setParameter(2, cohortId)
                .setParameter(3, Timestamp.from(since))
                .getResultList();
        return rows.stream()
                .map(r -> new NightlySleep(
                        ((java.sql.Date) r[0]).toLocalDate(), number(r[1]), ((Number) r[2]).intValue()))
                .toList();
    }

    /**
     * Per analysed child of the cohort one range of the (tenant, child, t) index, its stress readings averaged per
     * day; then the children's daily means averaged per day.
     */
    @Override
    public List<DailyStress> dailyStress(
            String cohortId, Set<String> analysed, LocalDate from, LocalDate to, int minChildren) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(
                        em,
                        "SELECT d, avg(child_mean), count(*) FROM ("
                                + "SELECT (e.t AT TIME ZONE 'UTC')::date AS d, avg(e.stress::float8) AS child_mean "
                                + "FROM child c JOIN epoch e ON e.tenant_id = c.tenant_id AND e.child_id = c.id "
                                + "WHERE c.tenant_id = ?1 AND c.cohort_id = ?2 AND c.id = ANY(string_to_array(?3, ',')) "
                                + "AND e.t >= ?4 AND e.t < ?5 AND e.stress IS NOT NULL "
                                + "GROUP BY c.id, d) per_child GROUP BY d HAVING count(*) >= ?6 ORDER BY d")
                .setParameter(2, cohortId)
                .setParameter(3, String.join(",", analysed))
                .setParameter(
                        4, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .setParameter(5, Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .setParameter(6, minChildren)
                .getResultList();
        return rows.stream()
                .map(r ->
                        new DailyStress(((java.sql.Date) r[0]).toLocalDate(), number(r[1]), ((Number) r[2]).intValue()))
                .toList();
    }

    /**
     * One pass over the analysed children's epochs of the whole period, a range of the (tenant, child, t) index per
     * child, into half-day bins (midnight to noon and noon to midnight, UTC: each lies in one day and one night, and
     * binning is cheaper per row than dating); the bins summed into days and nights, and those per child over the
     * recent and the usual period. A night counts only with a sleep state for ?9 of its minutes, so that a night the
     * device was off for is not a short night. The child's first minute comes from the same index.
     */
    private static final String TRENDS = "WITH kids AS ("
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
            + "CAST(?9 AS integer) AS full_night), "
            + "days AS (SELECT child_id, (h AT TIME ZONE 'UTC')::date AS d, sum(minutes) AS minutes, "
            + "sum(stress_n) AS stress_n, sum(stress_sum) AS stress_sum FROM bins GROUP BY child_id, d), "
            // The night of evening n runs from noon on n to noon on n + 1, and ends on the morning of n + 1.
            + "nights AS (SELECT child_id, ((h AT TIME ZONE 'UTC') - interval '12 hours')::date AS n, "
            + "sum(scored) AS scored, sum(asleep) AS asleep FROM bins GROUP BY child_id, n), "
            + "day_figures AS (SELECT child_id, "
            + "sum(minutes) FILTER (WHERE d >= to_d - r) AS recent_minutes, "
            + "sum(stress_sum) FILTER (WHERE d >= to_d - r) AS recent_sum, "
            + "sum(stress_n) FILTER (WHERE d >= to_d - r) AS recent_n, "
            + "count(*) FILTER (WHERE d >= to_d - r AND stress_n > 0) AS recent_days, "
            + "sum(stress_sum) FILTER (WHERE d >= to_d - r - u AND d < to_d - r) AS usual_sum, "
            + "sum(stress_n) FILTER (WHERE d >= to_d - r - u AND d < to_d - r) AS usual_n, "
            + "count(*) FILTER (WHERE d >= to_d - r - u AND d < to_d - r AND stress_n > 0) AS usual_days "
            + "FROM days CROSS JOIN b GROUP BY child_id), "
            + "night_figures AS (SELECT child_id, "
            + "sum(asleep) FILTER (WHERE n >= to_d - r - 1 AND n < to_d - 1 AND scored >= full_night) AS recent_asleep, "
            + "count(*) FILTER (WHERE n >= to_d - r - 1 AND n < to_d - 1 AND scored >= full_night) AS recent_nights, "
            + "sum(asleep) FILTER (WHERE n >= to_d - r - u - 1 AND n < to_d - r - 1 AND scored >= full_night) "
            + "AS usual_asleep, "
            + "count(*) FILTER (WHERE n >= to_d - r - u - 1 AND n < to_d - r - 1 AND scored >= full_night) "
            + "AS usual_nights "
            + "FROM nights CROSS JOIN b GROUP BY child_id) "
            + "SELECT k.id, k.pseudonym, k.chronotype, k.analysed, "
            + "CASE WHEN k.analysed THEN "
            + "(SELECT min(x.t) FROM epoch x WHERE x.tenant_id = k.tenant_id AND x.child_id = k.id) END, "
            + "coalesce(df.recent_minutes, 0), coalesce(df.recent_sum, 0), coalesce(df.recent_n, 0), "
            + "coalesce(df.recent_days, 0), coalesce(df.usual_sum, 0), coalesce(df.usual_n, 0), "
            + "coalesce(df.usual_days, 0), coalesce(nf.recent_asleep, 0), coalesce(nf.recent_nights, 0), "
            + "coalesce(nf.usual_asleep, 0), coalesce(nf.usual_nights, 0) "
            + "FROM kids k LEFT JOIN day_figures df ON df.child_id = k.id LEFT JOIN night_figures nf ON nf.child_id = k.id "
            + "ORDER BY k.pseudonym";

    @Override
    public List<ChildTrend> trends(
            String cohortId,
            Set<String> analysed,
            LocalDate today,
            int recentDays,
            int usualDays,
            int fullNightMinutes) {
        Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        // The first usual night starts at noon of the evening before the first usual day.
        Instant from = to.minus(Duration.ofDays(recentDays + (long) usualDays)).minus(Duration.ofHours(12));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(em, TRENDS)
                .setParameter(2, cohortId)
                .setParameter(3, String.join(",", analysed))
                .setParameter(4, java.sql.Date.valueOf(today))
                .setParameter(5, Timestamp.from(from))
                .setParameter(6, Timestamp.from(to))
                .setParameter(7, recentDays)
                .setParameter(8, usualDays)
                .setParameter(9, fullNightMinutes)
                .getResultList();
        return rows.stream()
                .map(r -> new ChildTrend(
                        (String) r[0],
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
                        ((Number) r[15]).intValue()))
                .toList();
    }
}
