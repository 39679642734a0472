package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.alert.Alert;
import org.zenmoon.domain.model.alert.AlertRepository;
import org.zenmoon.domain.model.alert.StoredAlert;

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

    /** The columns {@link #stored} reads; the acknowledging account's user name instead of its id. */
    private static final String COLUMNS = "SELECT a.id, a.child_id, a.kind, a.started_at, a.ended_at, a.raised_at,"
            + " a.value, a.threshold, u.username, a.acknowledged_at, a.note FROM alert a"
            + " LEFT JOIN app_user u ON u.id = a.acknowledged_by WHERE a.tenant_id = ?1";

    @Override
    public List<StoredAlert> ofChild(String childId, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" AND a.child_id = ?2");
        int next = 3;
        if (from != null) {
            sql.append(" AND a.raised_at >= ?").append(next++);
        }
        if (to != null) {
            sql.append(" AND a.raised_at < ?").append(next++);
        }
        sql.append(" ORDER BY a.raised_at DESC, a.started_at DESC, a.id LIMIT ?")
                .append(next);
        Query q = nativeQuery(em, sql.toString()).setParameter(2, childId);
        int p = 3;
        if (from != null) {
            q.setParameter(p++, Timestamp.from(from));
        }
        if (to != null) {
            q.setParameter(p++, Timestamp.from(to));
        }
        q.setParameter(p, limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(JpaAlertRepository::stored).toList();
    }

    /** Children per query of {@link #ofChildren}: well below PostgreSQL's 32,767 parameters. */
    static final int CHILDREN_PER_QUERY = 5_000;

    @Override
    public List<StoredAlert> ofChildren(Collection<String> childIds, Instant from, int limit) {
        List<String> ids = List.copyOf(childIds);
        List<StoredAlert> found = new ArrayList<>();
        for (int start = 0; start < ids.size(); start += CHILDREN_PER_QUERY) {
            found.addAll(ofChildren(ids.subList(start, Math.min(ids.size(), start + CHILDREN_PER_QUERY)), from, limit));
        }
        if (ids.size() <= CHILDREN_PER_QUERY) {
            return found;
        }
        return found.stream()
                .sorted(Comparator.comparing((StoredAlert a) -> a.alert().raisedAt())
                        .thenComparing(a -> a.alert().startedAt())
                        .reversed()
                        .thenComparing(a -> a.alert().id()))
                .limit(limit)
                .toList();
    }

    private List<StoredAlert> ofChildren(List<String> ids, Instant from, int limit) {
        if (ids.isEmpty()) {
            return List.of();
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 4);
        }
        Query q = nativeQuery(
                        em,
                        COLUMNS + " AND a.raised_at >= ?2 AND a.child_id IN (" + in
                                + ") ORDER BY a.raised_at DESC, a.started_at DESC, a.id LIMIT ?3")
                .setParameter(2, Timestamp.from(from))
                .setParameter(3, limit);
        for (int i = 0; i < ids.size(); i++) {
            q.setParameter(i + 4, ids.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(JpaAlertRepository::stored).toList();
    }

    @Override
    public Optional<StoredAlert> find(String alertId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(em, COLUMNS + " AND a.id = ?2")
                .setParameter(2, alertId)
                .getResultList();
        return rows.stream().findFirst().map(JpaAlertRepository::stored);
    }

    @Override
    public boolean acknowledge(String alertId, String userId, Instant at, String note) {
        return nativeQuery(
                                em,
                                "UPDATE alert SET acknowledged_by = ?3, acknowledged_at = ?4, note = ?5"
                                        + " WHERE tenant_id = ?1 AND id = ?2 AND acknowledged_at IS NULL")
                        .setParameter(2, alertId)
                        .setParameter(3, userId)
                        .setParameter(4, Timestamp.from(at))
                        .setParameter(5, note == null ? "" : note)
                        .executeUpdate()
                == 1;
    }

    private static StoredAlert stored(Object[] r) {
        return new StoredAlert(
                new Alert(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        instant(r[3]),
                        instant(r[4]),
                        instant(r[5]),
                        ((Number) r[6]).doubleValue(),
                        ((Number) r[7]).doubleValue()),
                (String) r[8],
                instant(r[9]),
                r[10] == null || ((String) r[10]).isEmpty() ? null : (String) r[10]);
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
