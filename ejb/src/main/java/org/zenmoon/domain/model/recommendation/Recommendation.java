package org.zenmoon.domain.model.recommendation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A recommendation shown to a child's guardians, with the model version and A/B arm that chose it. */
@Entity
@Table(name = "recommendation")
public class Recommendation extends TenantOwned {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(name = "intervention", nullable = false)
    private String intervention;

    @Column(name = "text", nullable = false)
    private String text;

    @Column(name = "scheduled_for")
    private Instant scheduledFor;

    @Column(name = "model_version")
    private String modelVersion;

    @Column(name = "arm")
    private String arm;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    protected Recommendation() {}

    public Recommendation(
            String id,
            String childId,
            String intervention,
            String text,
            Instant scheduledFor,
            String modelVersion,
            String arm) {
        this.id = id;
        this.childId = childId;
        this.intervention = intervention;
        this.text = text;
        this.scheduledFor = scheduledFor;
        this.modelVersion = modelVersion;
        this.arm = arm;
    }

    public String getId() {
        return id;
    }

    public String getChildId() {
        return childId;
    }

    public String getIntervention() {
        return intervention;
    }

    public String getText() {
        return text;
    }

    public Instant getScheduledFor() {
        return scheduledFor;
    }

    public String getModelVersion() {
        return modelVersion;
    }

    public String getArm() {
        return arm;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
