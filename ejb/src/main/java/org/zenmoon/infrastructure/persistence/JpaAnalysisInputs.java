package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.zenmoon.domain.model.child.AnalysisInputs;
import org.zenmoon.domain.model.child.DetectedSleep;

@ApplicationScoped
public class JpaAnalysisInputs implements AnalysisInputs {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public List<Logged> interventions(String childId, Instant from, Instant to) {
        return nativeQuery(
                        em,
                        "SELECT type, start_t FROM intervention WHERE tenant_id = ?1 AND child_id = ?2"
                                + " AND start_t >= ?3 AND start_t < ?4 ORDER BY start_t")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .getResultList()
                .stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new Logged((String) r[0], instant(r[1]));
                })
                .toList();
    }

    @Override
    public List<Instant> schoolEvents(String childId, Instant from, Instant to) {
        return nativeQuery(
                        em,
                        "SELECT e.start_t FROM school_event e JOIN child c ON c.tenant_id = e.tenant_id"
                                + " AND c.cohort_id = e.cohort_id WHERE e.tenant_id = ?1 AND c.id = ?2"
                                + " AND e.start_t >= ?3 AND e.start_t < ?4"
                                + " UNION ALL SELECT start_t FROM child_event WHERE tenant_id = ?1 AND child_id = ?2"
                                + " AND start_t >= ?3 AND start_t < ?4 ORDER BY 1")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .getResultList()
                .stream()
                .map(TenantScopedQueries::instant)
                .toList();
    }

    @Override
    public void replaceDetectedSleep(DetectedSleep sleep) {
        nativeQuery(
                        em,
                        "DELETE FROM sleep_episode WHERE tenant_id = ?1 AND child_id = ?2 AND source = 'detected'"
                                + " AND onset >= ?3 AND onset < ?4")
                .setParameter(2, sleep.childId())
                .setParameter(3, Timestamp.from(sleep.from()))
                .setParameter(4, Timestamp.from(sleep.to()))
                .executeUpdate();
        for (DetectedSleep.Span s : sleep.episodes()) {
            nativeQuery(
                            em,
                            "INSERT INTO sleep_episode (tenant_id, id, child_id, onset, wake, source)"
                                    + " VALUES (?1, ?2, ?3, ?4, ?5, 'detected') ON CONFLICT DO NOTHING")
                    .setParameter(2, UUID.randomUUID().toString())
                    .setParameter(3, sleep.childId())
                    .setParameter(4, Timestamp.from(s.onset()))
                    .setParameter(5, Timestamp.from(s.wake()))
                    .executeUpdate();
        }
    }
}
