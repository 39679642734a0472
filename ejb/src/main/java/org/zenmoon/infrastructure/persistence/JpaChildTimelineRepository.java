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
import java.util.List;
import org.zenmoon.domain.model.child.ChildTimelineRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * The read-back pages. Each statement names the bound tenant ({@code ?1}) and the child, and only the bounds a
 * request gives, so that the epoch query keeps to the primary key's order (tenant, child, t) and to the partitions
 * of the range asked for.
 */
@ApplicationScoped
public class JpaChildTimelineRepository implements ChildTimelineRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public List<EpochRecord> epochs(String childId, Instant from, Instant to, Instant after, int limit) {
        Conditions where = new Conditions(3);
        where.add("t >= ?", from);
        where.add("t < ?", to);
        where.add("t > ?", after);
        Query q = where.bind(nativeQuery(
                        em,
                        "SELECT " + JpaChildRecordRepository.EPOCH_COLUMNS
                                + " FROM epoch WHERE tenant_id = ?1 AND child_id = ?2" + where.sql()
                                + " ORDER BY t LIMIT ?" + where.next())
                .setParameter(2, childId)
                .setParameter(where.next(), limit));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(JpaChildRecordRepository::epochRecord).toList();
    }

    @Override
    public List<Episode> sleepEpisodes(String childId, Instant from, Instant to, Position after, int limit) {
        Conditions where = new Conditions(3);
        where.add("onset >= ?", from);
        where.add("onset < ?", to);
        where.after("(onset, id)", after);
        Query q = where.bind(nativeQuery(
                        em,
                        "SELECT id, onset, wake, source FROM sleep_episode WHERE tenant_id = ?1 AND child_id = ?2"
                                + where.sql() + " ORDER BY onset, id LIMIT ?" + where.next())
                .setParameter(2, childId)
                .setParameter(where.next(), limit));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream()
                .map(r -> new Episode((String) r[0], instant(r[1]), instant(r[2]), (String) r[3]))
                .toList();
    }

    @Override
    public List<Event> events(String childId, Instant from, Instant to, Position after, int limit) {
        // The union names the tenant and the child twice, each under a parameter of its own.
        Conditions where = new Conditions(5);
        where.add("start_t >= ?", from);
        where.add("start_t < ?", to);
        where.after("(start_t, key)", after);
        return events(childId, where, limit);
    }

    @Override
    public List<Event> eventsDuring(String childId, Instant from, Instant to, Position after, int limit) {
        Conditions where = new Conditions(5);
        where.add("start_t < ?", to);
        where.add("(end_t > ? OR start_t = end_t AND start_t >= ?)", from);
        where.after("(start_t, key)", after);
        return events(childId, where, limit);
    }

    private List<Event> events(String childId, Conditions where, int limit) {
        Query q = where.bind(nativeQuery(
                        em,
                        "SELECT key, scope, type, start_t, end_t, source FROM ("
                                + "SELECT 'cohort:' || e.id AS key, 'cohort' AS scope, e.type, e.start_t, e.end_t,"
                                + " e.source FROM school_event e JOIN child c"
                                + " ON c.tenant_id = e.tenant_id AND c.cohort_id = e.cohort_id"
                                + " WHERE e.tenant_id = ?1 AND c.id = ?2"
                                + " UNION ALL SELECT 'child:' || x.id, 'child', x.type, x.start_t, x.end_t, x.source"
                                + " FROM child_event x WHERE x.tenant_id = ?3 AND x.child_id = ?4) v"
                                + where.sql().replaceFirst("^ AND", " WHERE")
                                + " ORDER BY start_t, key LIMIT ?" + where.next())
                .setParameter(2, childId)
                .setParameter(3, TenantScopedQueries.tenant(em))
                .setParameter(4, childId)
                .setParameter(where.next(), limit));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream()
                .map(r -> new Event(
                        (String) r[0], (String) r[1], (String) r[2], instant(r[3]), instant(r[4]), (String) r[5]))
                .toList();
    }

    /** The optional conditions of a page, numbered from the first free parameter. */
    private static final class Conditions {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> values = new ArrayList<>();
        private final int first;

        Conditions(int first) {
            this.first = first;
        }

        /** {@code condition}, each {@code ?} in it standing for {@code value}, if {@code value} is given. */
        void add(String condition, Instant value) {
            if (value != null) {
                int n = first + values.size();
                sql.append(" AND ").append(condition.replace("?", "?" + n));
                values.add(Timestamp.from(value));
            }
        }

        /** Rows whose (time, id) key comes after {@code position}, if one is given. */
        void after(String key, Position position) {
            if (position != null) {
                int n = first + values.size();
                sql.append(" AND ")
                        .append(key)
                        .append(" > (?")
                        .append(n)
                        .append("::timestamptz, ?")
                        .append(n + 1)
                        .append("::varchar)");
                values.add(Timestamp.from(position.at()));
                values.add(position.id());
            }
        }

        String sql() {
            return sql.toString();
        }

        /** The first parameter after the conditions'. */
        int next() {
            return first + values.size();
        }

        Query bind(Query q) {
            for (int i = 0; i < values.size(); i++) {
                q.setParameter(first + i, values.get(i));
            }
            return q;
        }
    }
}
