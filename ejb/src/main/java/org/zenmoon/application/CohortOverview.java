package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.persistence.config.QueryHints;
import org.zenmoon.domain.model.user.Role;

/**
 * The counsellor's and clinician's view of their cohorts: who is in them, when each child's device was last
 * seen, the last seven days in figures, and the cohort's nightly sleep. Aggregations run in PostgreSQL;
 * being native SQL they name the caller's tenant explicitly.
 */
@Stateless
@TenantBound
public class CohortOverview {

    /** A night is attributed to the date of its evening: epochs are shifted back 12 hours before dating. */
    private static final String NIGHT = "((e.t AT TIME ZONE 'UTC') - interval '12 hours')::date";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Inject
    CurrentCaller currentCaller;

    private final Clock clock = Clock.systemUTC();

    // The getters are for Jakarta Expression Language 5 in the portal, which does not see record accessors.

    public record CohortView(String cohortId, String name, String kind, long children) implements Serializable {
        public String getCohortId() {
            return cohortId;
        }

        public String getName() {
            return name;
        }

        public long getChildren() {
            return children;
        }
    }

    public record ChildStats(
            String childId,
            String pseudonym,
            int birthYear,
            String chronotype,
            Instant lastSeen,
            Double meanHr7d,
            Double meanStress7d,
            Double sleepHoursPerNight7d,
            Double wearHoursPerDay7d)
            implements Serializable {
        public String getPseudonym() {
            return pseudonym;
        }

        public int getBirthYear() {
            return birthYear;
        }

        public String getChronotype() {
            return chronotype;
        }

        public Instant getLastSeen() {
            return lastSeen;
        }

        public Double getMeanHr7d() {
            return meanHr7d;
        }

        public Double getMeanStress7d() {
            return meanStress7d;
        }

        public Double getSleepHoursPerNight7d() {
            return sleepHoursPerNight7d;
        }

        public Double getWearHoursPerDay7d() {
            return wearHoursPerDay7d;
        }
    }

    public record NightlySleep(LocalDate night, double meanSleepHours, int children) implements Serializable {}

    /** Tenant admins see every cohort of the tenant; counsellors and clinicians the cohorts assigned to them. */
    public List<CohortView> myCohorts() {
        Caller caller = currentCaller.get();
        if (!caller.isStaff()) {
            return List.of();
        }
        String assigned = caller.has(Role.TENANT_ADMIN)
                ? ""
                : " AND h.id IN (SELECT s.cohort_id FROM staff_cohort s WHERE s.tenant_id = h.tenant_id AND s.user_id = ?2)";
        var q = nativeQuery("SELECT h.id, h.name, h.kind, "
                        + "(SELECT count(*) FROM child c WHERE c.tenant_id = h.tenant_id AND c.cohort_id = h.id) "
                        + "FROM cohort h WHERE h.tenant_id = ?1" + assigned + " ORDER BY h.name")
                .setParameter(1, caller.tenantId());
        if (!assigned.isEmpty()) {
            q.setParameter(2, caller.userId());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream()
                .map(r -> new CohortView((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue()))
                .toList();
    }

    @Audited
    public List<ChildStats> children(String cohortId) {
        requireVisible(cohortId);
        Instant since = clock.instant().minus(Duration.ofDays(7));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery("SELECT c.id, c.pseudonym, c.birth_year, c.chronotype, "
                        + "(SELECT max(x.t) FROM epoch x WHERE x.tenant_id = c.tenant_id AND x.child_id = c.id), "
                        + "avg(e.hr), avg(e.stress), "
                        + "count(*) FILTER (WHERE e.sleep_state = 'SLEEP') / 60.0 / 7, "
                        + "count(e.t) / 60.0 / 7 "
                        + "FROM child c LEFT JOIN epoch e ON e.tenant_id = c.tenant_id AND e.child_id = c.id AND e.t >= ?3 "
                        + "WHERE c.tenant_id = ?1 AND c.cohort_id = ?2 "
                        + "GROUP BY c.tenant_id, c.id, c.pseudonym, c.birth_year, c.chronotype ORDER BY c.pseudonym")
                .setParameter(1, currentCaller.get().tenantId())
                .setParameter(2, cohortId)
                .setParameter(3, Timestamp.from(since))
                .getResultList();
        return rows.stream()
                .map(r -> new ChildStats(
                        (String) r[0],
                        (String) r[1],
                        ((Number) r[2]).intValue(),
                        (String) r[3],
                        r[4] == null ? null : ((Timestamp) r[4]).toInstant(),
                        dbl(r[5]),
                        dbl(r[6]),
                        r[5] == null ? null : dbl(r[7]),
                        dbl(r[8])))
                .toList();
    }

    /** Mean hours asleep per child, night by night, over the last {@code nights} nights that have data. */
    @Audited
    public List<NightlySleep> nightlySleep(String cohortId, int nights) {
        requireVisible(cohortId);
        Instant since = clock.instant().minus(Duration.ofDays(nights + 1L));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery("SELECT night, avg(minutes) / 60.0, count(*) FROM ("
                        + "SELECT e.child_id, " + NIGHT + " AS night, count(*) AS minutes "
                        + "FROM epoch e JOIN child c ON c.tenant_id = e.tenant_id AND c.id = e.child_id "
                        + "WHERE e.tenant_id = ?1 AND c.cohort_id = ?2 AND e.t >= ?3 AND e.sleep_state = 'SLEEP' "
                        + "GROUP BY e.child_id, night) per_child GROUP BY night ORDER BY night")
                .setParameter(1, currentCaller.get().tenantId())
                .setParameter(2, cohortId)
                .setParameter(3, Timestamp.from(since))
                .getResultList();
        return rows.stream()
                .map(r -> new NightlySleep(((java.sql.Date) r[0]).toLocalDate(), dbl(r[1]), ((Number) r[2]).intValue()))
                .toList();
    }

    /**
     * EclipseLink refuses native SQL in a multitenant unit unless a query opts in; each one here does, and
     * each names the tenant itself.
     */
    private Query nativeQuery(String sql) {
        return em.createNativeQuery(sql).setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true);
    }

    private void requireVisible(String cohortId) {
        if (myCohorts().stream().noneMatch(c -> c.cohortId().equals(cohortId))) {
            throw new NotFoundException("Cohort");
        }
    }

    private static Double dbl(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }
}
