package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zenmoon.domain.model.analysis.AnalysisResult;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;

@ApplicationScoped
public class JpaAnalysisResultRepository implements AnalysisResultRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public void add(AnalysisResult result) {
        em.persist(result);
    }

    @Override
    public void put(ResultKey key, StoredResult result) {
        // V8's analysis_result_once: the same expressions, so that the conflict target matches the index.
        nativeQuery(
                        em,
                        "INSERT INTO analysis_result (tenant_id, id, child_id, cohort_id, kind, period, computed_at,"
                                + " payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb))"
                                + " ON CONFLICT (tenant_id, (COALESCE(child_id, '')), (COALESCE(cohort_id, '')),"
                                + " kind, period) DO UPDATE SET computed_at = EXCLUDED.computed_at,"
                                + " payload = EXCLUDED.payload")
                .setParameter(2, UUID.randomUUID().toString())
                .setParameter(3, key.childId())
                .setParameter(4, key.cohortId())
                .setParameter(5, key.kind())
                .setParameter(6, key.period())
                .setParameter(7, Timestamp.from(result.computedAt()))
                .setParameter(8, result.payload())
                .executeUpdate();
    }

    @Override
    public Optional<StoredResult> latestOfChild(String childId, String kind) {
        return latest("child_id", childId, kind);
    }

    @Override
    public Optional<StoredResult> latestOfCohort(String cohortId, String kind) {
        return latest("cohort_id", cohortId, kind);
    }

    @Override
    public Optional<StoredResult> latestOfTenant(String kind) {
        List<?> rows = nativeQuery(
                        em,
                        "SELECT CAST(payload AS text), computed_at FROM analysis_result WHERE tenant_id = ?1 AND"
                                + " child_id IS NULL AND cohort_id IS NULL AND kind = ?2"
                                + " ORDER BY computed_at DESC, period DESC LIMIT 1")
                .setParameter(2, kind)
                .getResultList();
        return rows.stream().map(JpaAnalysisResultRepository::stored).findFirst();
    }

    private static StoredResult stored(Object o) {
        Object[] r = (Object[]) o;
        return new StoredResult((String) r[0], instant(r[1]));
    }

    private Optional<StoredResult> latest(String column, String id, String kind) {
        List<?> rows = nativeQuery(
                        em,
                        "SELECT CAST(payload AS text), computed_at FROM analysis_result WHERE tenant_id = ?1 AND "
                                + column + " = ?2 AND kind = ?3 ORDER BY computed_at DESC, period DESC LIMIT 1")
                .setParameter(2, id)
                .setParameter(3, kind)
                .getResultList();
        return rows.stream().map(JpaAnalysisResultRepository::stored).findFirst();
    }

    @Override
    public List<ChildResult> latestOfChildren(String kind, Collection<String> childIds) {
        if (childIds.isEmpty()) {
            return List.of();
        }
        return nativeQuery(
                        em,
                        "SELECT DISTINCT ON (child_id) child_id, CAST(payload AS text), computed_at FROM analysis_result"
                                + " WHERE tenant_id = ?1 AND kind = ?2 AND child_id = ANY (string_to_array(?3, '\n'))"
                                + " ORDER BY child_id, computed_at DESC, period DESC")
                .setParameter(2, kind)
                .setParameter(3, String.join("\n", childIds))
                .getResultList()
                .stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new ChildResult((String) r[0], new StoredResult((String) r[1], instant(r[2])));
                })
                .toList();
    }
}
