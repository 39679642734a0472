package org.zenmoon.analysis.recommend;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One served recommendation as the learner sees it: what the policy knew, what it could choose from, what it
 * chose with which probability, and the reward the parents' answer gave (👍 1, 👎 0, or a blend in between).
 */
public record LoggedDecision(
        String childId,
        RecommendationContext context,
        List<String> candidateIds,
        String chosenId,
        double propensity,
        double reward,
        Instant at) {

    public LoggedDecision {
        Objects.requireNonNull(childId, "childId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(chosenId, "chosenId");
        Objects.requireNonNull(at, "at");
        candidateIds = List.copyOf(candidateIds);
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1]: " + propensity);
        }
        if (!(reward >= 0 && reward <= 1)) {
            throw new IllegalArgumentException("reward must be in [0, 1]: " + reward);
        }
        if (!candidateIds.contains(chosenId)) {
            throw new IllegalArgumentException("chosen '" + chosenId + "' is not among the candidates");
        }
    }
}
