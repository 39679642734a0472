package org.zenmoon.domain.model.recommendation;

import java.time.Instant;

/** A stored situation near a query, with its cosine similarity to it (1 is the same direction). */
public record SimilarSituation(
        String recommendationId,
        String intervention,
        String situation,
        boolean helpful,
        Instant at,
        double similarity) {}
