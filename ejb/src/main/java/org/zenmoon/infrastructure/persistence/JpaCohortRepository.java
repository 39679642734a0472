package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.number;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.cohort.ChildWeek;
import org.zenmoon.domain.model.cohort.Cohort;
import org.zenmoon.domain.model.cohort.CohortKind;
import org.zenmoon.domain.model.cohort.CohortRepository;
import org.zenmoon.domain.model.cohort.CohortSummary;
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
}
