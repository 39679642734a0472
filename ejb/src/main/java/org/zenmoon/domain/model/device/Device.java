package org.zenmoon.domain.model.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A paired wearable; only a hash of its upload token is kept. */
@Entity
@Table(name = "device")
public class Device extends TenantOwned {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(name = "label", nullable = false)
    private String label;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected Device() {}

    public Device(String id, String childId, String label, String tokenHash, Instant revokedAt) {
        this.id = id;
        this.childId = childId;
        this.label = label;
        this.tokenHash = tokenHash;
        this.revokedAt = revokedAt;
    }

    public String getId() {
        return id;
    }

    public String getChildId() {
        return childId;
    }

    public String getLabel() {
        return label;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
