package org.zenmoon.domain.model.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** Who read or wrote which child's data, when, and with what outcome. Identifiers only, never the data. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "actor_id", nullable = false)
    private String actorId;

    /** The actor's roles at the time, comma-separated in name order. */
    @Column(name = "actor_roles")
    private String actorRoles;

    /** The request ({@code X-Request-Id}) or job execution that did it. */
    @Column(name = "request_id")
    private String requestId;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "resource", nullable = false)
    private String resource;

    @Column(name = "child_id")
    private String childId;

    @Column(name = "outcome", nullable = false)
    private String outcome;

    protected AuditEvent() {}

    public AuditEvent(
            Instant at,
            String actorId,
            String actorRoles,
            String requestId,
            String action,
            String resource,
            String childId,
            String outcome) {
        this.at = at;
        this.actorId = actorId;
        this.actorRoles = actorRoles;
        this.requestId = requestId;
        this.action = action;
        this.resource = resource;
        this.childId = childId;
        this.outcome = outcome;
    }

    public Long getId() {
        return id;
    }

    public String getChildId() {
        return childId;
    }

    public String getActorRoles() {
        return actorRoles;
    }

    public String getRequestId() {
        return requestId;
    }
}
