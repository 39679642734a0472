package org.zenmoon.domain.model.child;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** Something done for one child, such as a mindfulness session, logged by staff; the causal analysis reads these. */
@Entity
@Table(name = "intervention")
public class Intervention extends TenantOwned {

    @Id
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(nullable = false)
    private String type;

    @Column(name = "start_t", nullable = false)
    private Instant start;

    @Column(name = "end_t", nullable = false)
    private Instant end;

    @Column(name = "logged_by")
    private String loggedBy;

    protected Intervention() {}

    /** @throws IllegalArgumentException when it ends before it starts */
    public Intervention(String id, String childId, String type, Instant start, Instant end, String loggedBy) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("an intervention cannot end before it starts");
        }
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
}
