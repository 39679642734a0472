package org.zenmoon.domain.model.recommendation;

import java.time.Instant;

/**
 * One recommendation's situation, as stored for retrieval: what was recommended, in which situation, whether the
 * parents found it helpful, and the situation's vector.
 */
public record SituationVector(
        String tenantId,
        String childId,
        String recommendationId,
        String intervention,
        String situation,
        boolean helpful,
        Instant at,
        float[] vector) {}
