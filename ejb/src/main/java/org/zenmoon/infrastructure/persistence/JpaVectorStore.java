package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.zenmoon.domain.model.recommendation.SimilarSituation;
import org.zenmoon.domain.model.recommendation.SituationVector;
import org.zenmoon.domain.model.recommendation.VectorStore;

/**
 * The embedded vector store: situation vectors in PostgreSQL ({@code situation_vector}, V10) as {@code real[]},
 * searched exactly, by cosine similarity over the child's rows. A child has at most a few thousand situations, which
 * the database scores in milliseconds, so there is no approximate index to tune and no extension to install. It works
 * in the caller's transaction and tenant, behind both tenant walls. Not a {@link VectorStore} bean of its own:
 * {@code VectorStores} hands out the configured store.
 */
@ApplicationScoped
@Typed(JpaVectorStore.class)
public class JpaVectorStore implements VectorStore {

    public static final String NAME = "postgres";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public void put(SituationVector v) {
        boundTenant(v.tenantId());
        nativeQuery(
                        em,
                        "INSERT INTO situation_vector (tenant_id, recommendation_id, child_id, intervention, situation,"
                                + " helpful, at, embedding) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS real[]))"
                                + " ON CONFLICT (tenant_id, recommendation_id) DO UPDATE SET"
                                + " child_id = EXCLUDED.child_id, intervention = EXCLUDED.intervention,"
                                + " situation = EXCLUDED.situation, helpful = EXCLUDED.helpful, at = EXCLUDED.at,"
                                + " embedding = EXCLUDED.embedding")
                .setParameter(2, v.recommendationId())
                .setParameter(3, v.childId())
                .setParameter(4, v.intervention())
                .setParameter(5, v.situation())
                .setParameter(6, v.helpful())
                .setParameter(7, Timestamp.from(v.at()))
                .setParameter(8, arrayLiteral(v.vector()))
                .executeUpdate();
    }

    /**
     * Cosine similarity in double precision; rows whose vector has another length (another model's) are not
     * compared. Ties go to the more recent situation.
     */
    @Override
    public List<SimilarSituation> nearest(String tenantId, String childId, float[] query, int k, boolean helpfulOnly) {
        boundTenant(tenantId);
        if (k <= 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = nativeQuery(
                        em,
                        "SELECT v.recommendation_id, v.intervention, v.situation, v.helpful, v.at, s.similarity"
                                + " FROM situation_vector v CROSS JOIN LATERAL (SELECT sum(CAST(a AS float8) * b)"
                                + " / NULLIF(sqrt(sum(CAST(a AS float8) * a)) * sqrt(sum(CAST(b AS float8) * b)), 0)"
                                + " AS similarity FROM unnest(v.embedding, CAST(?3 AS real[])) AS u(a, b)) s"
                                + " WHERE v.tenant_id = ?1 AND v.child_id = ?2"
                                + " AND cardinality(v.embedding) = cardinality(CAST(?3 AS real[]))"
                                + (helpfulOnly ? " AND v.helpful" : "")
                                + " ORDER BY s.similarity DESC NULLS LAST, v.at DESC LIMIT ?4")
                .setParameter(2, childId)
                .setParameter(3, arrayLiteral(query))
                .setParameter(4, k)
                .getResultList();
        return rows.stream()
                .map(r -> new SimilarSituation(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        (Boolean) r[3],
                        instant(r[4]),
                        r[5] == null ? 0.0 : ((Number) r[5]).doubleValue()))
                .toList();
    }

    @Override
    public void eraseChild(String tenantId, String childId) {
        boundTenant(tenantId);
        nativeQuery(em, "DELETE FROM situation_vector WHERE tenant_id = ?1 AND child_id = ?2")
                .setParameter(2, childId)
                .executeUpdate();
    }

    @Override
    public int purgeBefore(String tenantId, String childId, Instant cutoff) {
        boundTenant(tenantId);
        return nativeQuery(em, "DELETE FROM situation_vector WHERE tenant_id = ?1 AND child_id = ?2 AND at < ?3")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(cutoff))
                .executeUpdate();
    }

    @Override
    public int countBefore(String tenantId, String childId, Instant cutoff) {
        boundTenant(tenantId);
        return ((Number) nativeQuery(
                                em,
                                "SELECT count(*) FROM situation_vector WHERE tenant_id = ?1 AND child_id = ?2 AND at < ?3")
                        .setParameter(2, childId)
                        .setParameter(3, Timestamp.from(cutoff))
                        .getSingleResult())
                .intValue();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The table has a child_id: the child's erasure empties it with the child's other rows. */
    @Override
    public boolean erasedWithTheChildsRecords() {
        return true;
    }

    /** The store works in the transaction's tenant only; a call naming another is a bug, not a query. */
    private void boundTenant(String tenantId) {
        if (!tenant(em).equals(tenantId)) {
            throw new IllegalArgumentException("the vector store works in the bound tenant only");
        }
    }

    /** A PostgreSQL array literal of the vector's components (finite numbers only). */
    static String arrayLiteral(float[] vector) {
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("an empty vector");
        }
        StringBuilder s = new StringBuilder(vector.length * 12).append('{');
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException("a vector component is not a finite number");
            }
            if (i > 0) {
                s.append(',');
            }
            s.append(vector[i]);
        }
        return s.append('}').toString();
    }
}
