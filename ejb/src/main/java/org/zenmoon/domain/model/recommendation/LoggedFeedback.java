package org.zenmoon.domain.model.recommendation;

import java.time.Instant;
import java.util.List;

/** One answered recommendation of a child whose guardian consented to model training: a training record. */
public record LoggedFeedback(
        String recommendationId,
        String childId,
        String contextJson,
        List<String> candidates,
        String intervention,
        double propensity,
        boolean helpful,
        Instant createdAt,
        String text) {}
