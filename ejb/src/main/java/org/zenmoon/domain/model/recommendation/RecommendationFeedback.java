package org.zenmoon.domain.model.recommendation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A guardian's thumbs up or down on a recommendation; a second answer replaces the first. */
@Entity
@Table(name = "recommendation_feedback")
public class RecommendationFeedback extends TenantOwned {

    @Id
    @Column(name = "recommendation_id")
    private String recommendationId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "was_helpful", nullable = false)
    private boolean wasHelpful;

    @Column(name = "comment")
    private String comment;

    @Column(name = "\"timestamp\"", nullable = false)
    private Instant timestamp;

    protected RecommendationFeedback() {}

    public RecommendationFeedback(
            String recommendationId, String userId, boolean wasHelpful, String comment, Instant timestamp) {
        this.recommendationId = recommendationId;
        this.userId = userId;
        this.wasHelpful = wasHelpful;
        this.comment = comment;
        this.timestamp = timestamp;
    }

    public String getRecommendationId() {
        return recommendationId;
    }

    public String getUserId() {
        return userId;
    }

    public boolean isWasHelpful() {
        return wasHelpful;
    }

    public String getComment() {
        return comment;
    }

    public Instant getTimestamp() {
        return timestamp;
    }
}
