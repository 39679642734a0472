package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.domain.model.alert.AlertRepository;

@ApplicationScoped
public class JpaAlertRepository implements AlertRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public boolean raise(Alert a) {
        return nativeQuery(
                                em,
                                "INSERT INTO alert (tenant_id, id, child_id, kind, started_at, ended_at, raised_at, value,"
                                        + " threshold) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING")
                        .setParameter(2, a.id())
                        .setParameter(3, a.childId())
                        .setParameter(4, a.kind())
                        .setParameter(5, Timestamp.from(a.startedAt()))
                        .setParameter(6, Timestamp.from(a.endedAt()))
                        .setParameter(7, Timestamp.from(a.raisedAt()))
                        .setParameter(8, (float) a.value())
                        .setParameter(9, (float) a.threshold())
                        .executeUpdate()
                == 1;
    }

    @Override
    public Optional<Baseline> stressBaseline(String childId, Instant from, Instant to) {
        Object[] r = (Object[]) nativeQuery(
                        em,
                        "SELECT avg(stress), stddev_samp(stress), count(stress) FROM epoch"
                                + " WHERE tenant_id = ?1 AND child_id = ?2 AND t >= ?3 AND t < ?4")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .getSingleResult();
        long n = ((Number) r[2]).longValue();
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(
                new Baseline(((Number) r[0]).doubleValue(), r[1] == null ? 0.0 : ((Number) r[1]).doubleValue(), n));
    }
}
