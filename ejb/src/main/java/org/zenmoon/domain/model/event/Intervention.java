package org.zenmoon.domain.model.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A logged intervention for a child, e.g. a mindfulness session. */
@Entity
@Table(name = "intervention")
public class Intervention extends TenantOwned {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "start_t", nullable = false)
    private Instant start;

    @Column(name = "end_t", nullable = false)
    private Instant end;

    @Column(name = "logged_by")
    private String loggedBy;

    protected Intervention() {}

    public Intervention(String id, String childId, String type, Instant start, Instant end, String loggedBy) {
        this.id = id;
        this.childId = childId;
        this.type = type;
        this.start = start;
        this.end = end;
        this.loggedBy = loggedBy;
    }

    public String getId() {
        return id;
    }

    public String getChildId() {
        return childId;
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

    public String getLoggedBy() {
        return loggedBy;
    }
}
