package org.zenmoon.domain.model.recommendation;

import java.time.Instant;
import java.util.List;

/**
 * A recommendation the policy chose, with what it saw ({@code contextJson}), what it chose among and the probability
 * of this choice, so that later models can learn from it and be evaluated off-policy.
 */
public record NewRecommendation(
        String id,
        String childId,
        String intervention,
        String text,
        Instant scheduledFor,
        List<String> why,
        String modelVersion,
        String arm,
        String contextJson,
        List<String> candidates,
        double propensity,
        Instant createdAt) {

    public NewRecommendation {
        why = List.copyOf(why);
        candidates = List.copyOf(candidates);
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must lie in (0, 1], not " + propensity);
        }
    }
}
