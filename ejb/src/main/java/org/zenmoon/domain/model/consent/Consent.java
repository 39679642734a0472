package org.zenmoon.domain.model.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A guardian's consent for one scope (collection, analysis, model_training, clinic_sharing); withdrawn consents stay as history. */
@Entity
@Table(name = "consent")
public class Consent extends TenantOwned {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    @Column(name = "scope", nullable = false)
    private String scope;

    @Column(name = "notice_version", nullable = false)
    private String noticeVersion;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    protected Consent() {}

    public Consent(
            String id,
            String childId,
            String scope,
            String noticeVersion,
            String grantedBy,
            Instant grantedAt,
            Instant withdrawnAt) {
        this.id = id;
        this.childId = childId;
        this.scope = scope;
        this.noticeVersion = noticeVersion;
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
        this.withdrawnAt = withdrawnAt;
    }

    public String getId() {
        return id;
    }

    public String getChildId() {
        return childId;
    }

    public String getScope() {
        return scope;
    }

    public String getNoticeVersion() {
        return noticeVersion;
    }

    public String getGrantedBy() {
        return grantedBy;
    }

    public Instant getGrantedAt() {
        return grantedAt;
    }

    public Instant getWithdrawnAt() {
        return withdrawnAt;
    }
}
