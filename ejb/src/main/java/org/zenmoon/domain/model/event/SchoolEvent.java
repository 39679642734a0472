package org.zenmoon.domain.model.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A school event for a cohort (a test, a trip) that may explain stress. */
@Entity
@Table(name = "school_event")
public class SchoolEvent extends TenantOwned {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "cohort_id", nullable = false)
    private String cohortId;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "start_t", nullable = false)
    private Instant start;

    @Column(name = "end_t", nullable = false)
    private Instant end;

    @Column(name = "source", nullable = false)
    private String source;

    protected SchoolEvent() {}

    public SchoolEvent(String id, String cohortId, String type, Instant start, Instant end, String source) {
        this.id = id;
        this.cohortId = cohortId;
        this.type = type;
        this.start = start;
        this.end = end;
        this.source = source;
    }

    public String getId() {
        return id;
    }

    public String getCohortId() {
        return cohortId;
    }

    public String getType() {
        return type;
    }

    public Instant getStart() {
        return start;
    }

    public Instant getEnd() {
        return end;
    }

    public String getSource() {
        return source;
    }
}
