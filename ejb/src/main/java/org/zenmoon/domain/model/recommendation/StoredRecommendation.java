package org.zenmoon.domain.model.recommendation;

import java.time.Instant;
import java.util.List;
import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * A recommendation as its child's guardians and staff see it, with the feedback it got ({@code helpful} null while
 * unanswered).
 */
public record StoredRecommendation(
        String recommendationId,
        String childId,
        String intervention,
        String text,
        Instant scheduledFor,
        List<String> why,
        String modelVersion,
        String arm,
        Instant createdAt,
        Boolean helpful,
        String comment,
        Instant answeredAt)
        implements ConcernsAChild {

    public StoredRecommendation {
        why = why == null ? List.of() : List.copyOf(why);
    }
}
