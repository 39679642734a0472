package org.zenmoon.domain.model.cohort;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** Something that happens to a whole cohort, such as a maths test, which the analyses treat as context. */
@Entity
@Table(name = "school_event")
public class SchoolEvent extends TenantOwned {

    /** The source of an event that staff logged through the API (the devices' own events say {@code school}). */
    public static final String LOGGED_BY_STAFF = "staff";

    @Id
    private String id;

    @Column(name = "cohort_id", nullable = false)
    private String cohortId;

    @Column(nullable = false)
    private String type;

    @Column(name = "start_t", nullable = false)
    private Instant start;

    @Column(name = "end_t", nullable = false)
    private Instant end;

    @Column(nullable = false)
    private String source;

    protected SchoolEvent() {}

    /** @throws IllegalArgumentException when it ends before it starts */
    public SchoolEvent(String id, String cohortId, String type, Instant start, Instant end, String source) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("an event cannot end before it starts");
        }
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
}
