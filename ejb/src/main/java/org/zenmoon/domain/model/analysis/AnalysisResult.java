package org.zenmoon.domain.model.analysis;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** The stored result of an analysis (chronotype, causal effect, forecast) as JSON. */
@Entity
@Table(name = "analysis_result")
public class AnalysisResult extends TenantOwned {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "child_id")
    private String childId;

    @Column(name = "cohort_id")
    private String cohortId;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "computed_at", nullable = false)
    private Instant computedAt;

    /** JSON; stored as {@code jsonb} through the converter that META-INF/orm.xml names. */
    @Column(name = "payload", nullable = false)
    private String payload;

    protected AnalysisResult() {}

    public AnalysisResult(String id, String childId, String cohortId, String kind, Instant computedAt, String payload) {
        this.id = id;
        this.childId = childId;
        this.cohortId = cohortId;
        this.kind = kind;
        this.computedAt = computedAt;
        this.payload = payload;
    }

    public String getId() {
        return id;
    }

    public String getChildId() {
        return childId;
    }

    public String getCohortId() {
        return cohortId;
    }

    public String getKind() {
        return kind;
    }

    public String getPayload() {
        return payload;
    }
}
