package org.zenmoon.domain.model.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/**
 * A wearable (through the child's phone) paired with one child. Only a hash of its token is kept; unpairing
 * revokes it for good, and the row stays as history of where the child's data came from.
 */
@Entity
@Table(name = "device")
public class Device extends TenantOwned {

    @Id
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(nullable = false)
    private String label;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected Device() {}

    public Device(String id, String childId, String label, String tokenHash, Instant createdAt) {
        this.id = id;
        this.childId = childId;
        this.label = label;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
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

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Unpairs the device: its token stops working at once. Revoking twice keeps the first time. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
