package org.zenmoon.domain.model.recommendation;

import java.time.Instant;
import java.util.List;

/**
 * Where situation vectors are kept and searched, always within one tenant and one child. Configuration chooses
 * the store ({@code zenmoon.recommender.vector-store}): PostgreSQL by default, or Weaviate.
 */
public interface VectorStore {

    /** Stores {@code v}; a vector stored before for the same recommendation is replaced. */
    void put(SituationVector v);

    /**
     * Up to {@code k} of the child's stored situations, most similar to {@code query} first (exact cosine
     * similarity); with {@code helpfulOnly}, only those the parents found helpful.
     */
    List<SimilarSituation> nearest(String tenantId, String childId, float[] query, int k, boolean helpfulOnly);

    /** Deletes every vector of the child. */
    void eraseChild(String tenantId, String childId);

    /**
     * Deletes the child's situations from before {@code cutoff}, the start of what the tenant's retention period
     * keeps (the retention job calls it each night, beside the purge of the child's dated rows).
     *
     * @return how many were deleted
     */
    int purgeBefore(String tenantId, String childId, Instant cutoff);

    /** How many of the child's situations are from before {@code cutoff} (what {@link #purgeBefore} would delete). */
    int countBefore(String tenantId, String childId, Instant cutoff);

    /** The store's name, as configured. */
    String name();

    /**
     * Whether the child's vectors live in the tables that the child's erasure empties anyway (the PostgreSQL
     * store), so that the erasure need not call {@link #eraseChild} itself.
     */
    default boolean erasedWithTheChildsRecords() {
        return false;
    }
}
