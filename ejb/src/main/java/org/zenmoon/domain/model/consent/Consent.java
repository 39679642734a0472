package org.zenmoon.domain.model.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.zenmoon.domain.model.tenant.TenantOwned;

/**
 * A guardian's consent for one child and scope. It is active until withdrawn (which schedules erasure of what the
 * scope covered) or replaced by a newer grant of the same scope (which does not); ended consents stay as history.
 */
@Entity
@Table(name = "consent")
public class Consent extends TenantOwned {

    @Id
    private String id;

    @Column(name = "child_id", nullable = false)
    private String childId;

    /** Written as the API spells it ({@code model_training}); the converter applies to every ConsentScope. */
    @Column(nullable = false)
    private ConsentScope scope;

    @Column(name = "notice_version", nullable = false)
    private String noticeVersion;

    @Column(nullable = false)
    private String method;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Column(name = "withdrawn_by")
    private String withdrawnBy;

    @Column(name = "erasure_due_at")
    private Instant erasureDueAt;

    @Column(name = "erased_at")
    private Instant erasedAt;

    protected Consent() {}

    public Consent(
            String id,
            String childId,
            ConsentScope scope,
            String noticeVersion,
            String method,
            String grantedBy,
            Instant grantedAt) {
        this.id = id;
        this.childId = childId;
        this.scope = scope;
        this.noticeVersion = noticeVersion;
        this.method = method;
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
    }

    public boolean isActive() {
        return withdrawnAt == null;
    }

    /** Ends the consent at once; what it covered is to be erased at {@code erasureDue}. */
    public void withdraw(String by, Instant at, Instant erasureDue) {
        withdrawnAt = at;
        withdrawnBy = by;
        erasureDueAt = erasureDue;
    }

    /** Ends the consent because a newer grant of the same scope replaces it: nothing is to be erased. */
    public void replace(String by, Instant at) {
        withdrawnAt = at;
        withdrawnBy = by;
        erasureDueAt = null;
    }

    /** The guardian granted the scope again within the grace period: the data stays. */
    public void cancelErasure() {
        erasureDueAt = null;
    }

    /** The erasure this withdrawal scheduled was carried out at {@code at}. */
    public void erased(Instant at) {
        erasedAt = at;
    }

    /** Whether the erasure this withdrawal scheduled is due at {@code now} and not carried out yet. */
    public boolean erasureDue(Instant now) {
        return erasureDueAt != null && erasedAt == null && !erasureDueAt.isAfter(now);
    }

    /**
     * The scopes of the child whose withdrawal's erasure is due at {@code now} and not carried out yet, given the
     * child's consents ({@code history}): a scope granted again since is not due, whatever its older consents say.
     */
    public static Set<ConsentScope> erasuresDue(List<Consent> history, Instant now) {
        Set<ConsentScope> active = history.stream()
                .filter(Consent::isActive)
                .map(Consent::getScope)
                .collect(Collectors.toSet());
        return history.stream()
                .filter(k -> k.erasureDue(now))
                .map(Consent::getScope)
                .filter(s -> !active.contains(s))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ConsentScope.class)));
    }

    public String getId() {
        return id;
    }

    public String getChildId() {
        return childId;
    }

    public ConsentScope getScope() {
        return scope;
    }

    public String getNoticeVersion() {
        return noticeVersion;
    }

    public String getMethod() {
        return method;
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

    public String getWithdrawnBy() {
        return withdrawnBy;
    }

    public Instant getErasureDueAt() {
        return erasureDueAt;
    }

    /** When the erasure this withdrawal scheduled was carried out; null while it is not (or none was). */
    public Instant getErasedAt() {
        return erasedAt;
    }
}
