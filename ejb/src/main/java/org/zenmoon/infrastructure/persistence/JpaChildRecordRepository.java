package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.catalogueQuery;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.identifier;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.zenmoon.domain.model.child.ChildRecordRepository;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * A child's rows in every table that holds them, found in the catalogue. Every statement names the bound tenant
 * (?1) as well as the child, so it works the same with and without row-level security.
 */
@ApplicationScoped
public class JpaChildRecordRepository implements ChildRecordRepository {

    /** Tables of the current schema (partitions left out: their parent stands for them) with a child_id column. */
    private static final String CHILD_TABLES = "SELECT c.relname FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'child_id' AND NOT a.attisdropped "
            + "JOIN pg_catalog.pg_attribute t ON t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped "
            + "WHERE c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema()) "
            + "AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname";

    /** Foreign keys between tables of the current schema: (referring table, referred table). */
    private static final String REFERENCES = "SELECT r.relname, f.relname FROM pg_catalog.pg_constraint k "
            + "JOIN pg_catalog.pg_class r ON r.oid = k.conrelid JOIN pg_catalog.pg_class f ON f.oid = k.confrelid "
            + "WHERE k.contype = 'f' AND NOT r.relispartition AND NOT f.relispartition "
            + "AND r.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema())";

    /**
     * The tables of children's rows that retention thins, each with the column that dates a row. Every table of
     * {@link #childTables()} is either here or in {@link #KEPT}: a purge refuses to run while one is in neither, and
     * ChildDataRightsIT fails for it, so that a table added later cannot outlive the retention period unnoticed.
     */
    static final Map<String, String> DATED = Map.ofEntries(
            Map.entry("epoch", "t"),
            // The 12-hour bin's start: a cut-off at the start of a day keeps or deletes whole bins with their minutes.
            Map.entry("epoch_bin", "h"),
            Map.entry("sleep_episode", "wake"),
            Map.entry("child_event", "end_t"),
            Map.entry("intervention", "end_t"),
            Map.entry("alert", "ended_at"),
            Map.entry("ingest_batch", "received_at"),
            Map.entry("analysis_result", "computed_at"),
            Map.entry("recommendation", "created_at"),
            Map.entry("situation_vector", "at"));

    /** Tables of children's rows that retention keeps: who may see and decide for the child, not what was measured. */
    static final Set<String> KEPT = Set.of("consent", "guardian_link", "device");

    /**
     * What a withdrawn collection consent covered: everything measured or received about the child, and all that was
     * computed from it. The interventions staff logged are the school's own record.
     */
    static final Set<String> COLLECTED = Set.of(
            "epoch",
            "epoch_bin",
            "sleep_episode",
            "child_event",
            "alert",
            "ingest_batch",
            "analysis_result",
            "recommendation",
            "situation_vector");

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public Optional<String> child(String childId) {
        return strings(nativeQuery(em, "SELECT to_jsonb(c)::text FROM child c WHERE c.tenant_id = ?1 AND c.id = ?2")
                        .setParameter(2, childId))
                .stream()
                .findFirst();
    }

    @Override
    public List<String> childTables() {
        @SuppressWarnings("unchecked")
        List<String> tables = catalogueQuery(em, CHILD_TABLES).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> references = catalogueQuery(em, REFERENCES).getResultList();
        return referringFirst(
                tables.stream().filter(t -> !t.equals(AUDIT_TABLE)).toList(),
                references.stream()
                        .map(r -> new String[] {(String) r[0], (String) r[1]})
                        .toList());
    }

    /**
     * {@code tables} ordered so that a table comes before every table it refers to; where references go round in a
     * circle, the rest by name (their foreign keys then have to cascade).
     */
    static List<String> referringFirst(List<String> tables, List<String[]> references) {
        Set<String> remaining = new TreeSet<>(tables);
        List<String> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String next = remaining.stream()
                    .filter(t -> references.stream()
                            .noneMatch(r -> r[1].equals(t) && !r[0].equals(t) && remaining.contains(r[0])))
                    .findFirst()
                    .orElse(remaining.iterator().next());
            order.add(next);
            remaining.remove(next);
        }
        return order;
    }

    @Override
    public List<String> rows(String table, String childId) {
        if (!childTables().contains(table)) {
            throw new IllegalArgumentException("not a table of children's rows: " + table);
        }
        return strings(nativeQuery(
                        em,
                        "SELECT to_jsonb(x)::text FROM " + identifier(table)
                                + " x WHERE x.tenant_id = ?1 AND x.child_id = ?2 ORDER BY 1")
                .setParameter(2, childId));
    }

    @Override
    public List<String> cohortEvents(String childId) {
        return strings(nativeQuery(
                        em,
                        "SELECT to_jsonb(e)::text FROM school_event e JOIN child c "
                                + "ON c.tenant_id = e.tenant_id AND c.cohort_id = e.cohort_id "
                                + "WHERE e.tenant_id = ?1 AND c.id = ?2 ORDER BY e.start_t, e.id")
                .setParameter(2, childId));
    }

    @Override
    public List<String> recommendationFeedback(String childId) {
        return strings(nativeQuery(
                        em,
                        "SELECT to_jsonb(f)::text FROM recommendation_feedback f JOIN recommendation r "
                                + "ON r.tenant_id = f.tenant_id AND r.id = f.recommendation_id "
                                + "WHERE f.tenant_id = ?1 AND r.child_id = ?2 ORDER BY f.recommendation_id")
                .setParameter(2, childId));
    }

    @Override
    public List<String> guardianNames(String childId) {
        return strings(nativeQuery(
                        em,
                        "SELECT u.username FROM guardian_link g JOIN app_user u ON u.id = g.user_id "
                                + "WHERE g.tenant_id = ?1 AND g.child_id = ?2 ORDER BY u.username")
                .setParameter(2, childId));
    }

    @Override
    public long epochCount(String childId) {
        return ((Number) nativeQuery(em, "SELECT count(*) FROM epoch WHERE tenant_id = ?1 AND child_id = ?2")
                        .setParameter(2, childId)
                        .getSingleResult())
                .longValue();
    }

    /** An epoch's columns, in the order {@link #epochRecord} reads them. */
    static final String EPOCH_COLUMNS =
            "t, hr, rmssd, eda, activity, stress, sleep_state, quality, scr, wear, anomaly, device_id, steps";

    @Override
    public List<EpochRecord> epochsAfter(String childId, Instant after, int limit) {
        String select = "SELECT " + EPOCH_COLUMNS + " FROM epoch WHERE tenant_id = ?1 AND child_id = ?2";
        Query q = after == null
                ? nativeQuery(em, select + " ORDER BY t LIMIT ?3").setParameter(3, limit)
                : nativeQuery(em, select + " AND t > ?3 ORDER BY t LIMIT ?4")
                        .setParameter(3, Timestamp.from(after))
                        .setParameter(4, limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.setParameter(2, childId).getResultList();
        return rows.stream().map(JpaChildRecordRepository::epochRecord).toList();
    }

    /** A row of {@link #EPOCH_COLUMNS}. */
    static EpochRecord epochRecord(Object[] r) {
        return new EpochRecord(
                ((Timestamp) r[0]).toInstant(),
                real(r[1]),
                real(r[2]),
                real(r[3]),
                r[4] == null ? null : ((Number) r[4]).intValue(),
                real(r[5]),
                (String) r[6],
                real(r[7]),
                r[8] == null ? null : ((Number) r[8]).intValue(),
                (Boolean) r[9],
                real(r[10]),
                (String) r[11],
                r[12] == null ? null : ((Number) r[12]).intValue());
    }

    @Override
    public Map<String, Integer> erase(String childId) {
        // The child's row first, locked: an upload holds a key-share lock on it until it commits, so the erasure waits
        // for uploads under way and later ones wait for the erasure (and then find no child). Without it, epochs
        // committed while the deletes ran would outlive the erasure.
        lock(childId);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (String table : childTables()) {
            deleted.put(
                    table,
                    nativeQuery(em, "DELETE FROM " + identifier(table) + " WHERE tenant_id = ?1 AND child_id = ?2")
                            .setParameter(2, childId)
                            .executeUpdate());
        }
        deleted.put(
                "child",
                nativeQuery(em, "DELETE FROM child WHERE tenant_id = ?1 AND id = ?2")
                        .setParameter(2, childId)
                        .executeUpdate());
        return deleted;
    }

    @Override
    public boolean lock(String childId) {
        return !nativeQuery(em, "SELECT 1 FROM child WHERE tenant_id = ?1 AND id = ?2 FOR UPDATE")
                .setParameter(2, childId)
                .getResultList()
                .isEmpty();
    }

    @Override
    public boolean hasRowsBefore(String childId, Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff.truncatedTo(ChronoUnit.DAYS));
        for (String table : classifiedChildTables()) {
            String column = DATED.get(table);
            if (column != null
                    && !nativeQuery(
                                    em,
                                    "SELECT 1 FROM " + identifier(table)
                                            + " WHERE tenant_id = ?1 AND child_id = ?2 AND " + identifier(column)
                                            + " < ?3 LIMIT 1")
                            .setParameter(2, childId)
                            .setParameter(3, before)
                            .getResultList()
                            .isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Map<String, Integer> purgeBefore(String childId, Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff.truncatedTo(ChronoUnit.DAYS));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (String table : classifiedChildTables()) {
            String column = DATED.get(table);
            if (column != null) {
                count(
                        deleted,
                        table,
                        nativeQuery(
                                        em,
                                        "DELETE FROM " + identifier(table)
                                                + " WHERE tenant_id = ?1 AND child_id = ?2 AND " + identifier(column)
                                                + " < ?3")
                                .setParameter(2, childId)
                                .setParameter(3, before)
                                .executeUpdate());
            }
        }
        return deleted;
    }

    @Override
    public Map<String, Integer> eraseCovered(String childId, ConsentScope scope) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        switch (scope) {
            case COLLECTION -> {
                for (String table : classifiedChildTables()) {
                    if (COLLECTED.contains(table)) {
                        count(erased, table, deleteAll(table, childId));
                    }
                }
                count(erased, "child", clearChronotype(childId));
            }
            case ANALYSIS -> {
                count(erased, "analysis_result", deleteAll("analysis_result", childId));
                count(
                        erased,
                        "sleep_episode",
                        nativeQuery(
                                        em,
                                        "DELETE FROM sleep_episode WHERE tenant_id = ?1 AND child_id = ?2"
                                                + " AND source = 'detected'")
                                .setParameter(2, childId)
                                .executeUpdate());
                count(erased, "child", clearChronotype(childId));
            }
            case MODEL_TRAINING ->
                count(
                        erased,
                        "recommendation",
                        nativeQuery(
                                        em,
                                        "UPDATE recommendation SET context = NULL, candidates = NULL, propensity = NULL"
                                                + " WHERE tenant_id = ?1 AND child_id = ?2 AND (context IS NOT NULL"
                                                + " OR candidates IS NOT NULL OR propensity IS NOT NULL)")
                                .setParameter(2, childId)
                                .executeUpdate());
            case CLINIC_SHARING -> {
                // Sharing is a permission to show, not a store: there is nothing of its own to erase.
            }
        }
        return erased;
    }

    /** {@link #childTables()}, refused while one of them is neither dated nor kept on purpose. */
    private List<String> classifiedChildTables() {
        List<String> tables = childTables();
        List<String> unknown = tables.stream()
                .filter(t -> !DATED.containsKey(t) && !KEPT.contains(t))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(
                    "tables of children's rows that retention does not know (date them or keep them): " + unknown);
        }
        return tables;
    }

    private int deleteAll(String table, String childId) {
        return nativeQuery(em, "DELETE FROM " + identifier(table) + " WHERE tenant_id = ?1 AND child_id = ?2")
                .setParameter(2, childId)
                .executeUpdate();
    }

    private int clearChronotype(String childId) {
        return nativeQuery(
                        em,
                        "UPDATE child SET chronotype = NULL WHERE tenant_id = ?1 AND id = ?2 AND chronotype IS NOT NULL")
                .setParameter(2, childId)
                .executeUpdate();
    }

    private static void count(Map<String, Integer> counts, String table, int rows) {
        if (rows > 0) {
            counts.merge(table, rows, Integer::sum);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Query q) {
        return q.getResultList();
    }

    private static Float real(Object o) {
        return o == null ? null : ((Number) o).floatValue();
    }
}
