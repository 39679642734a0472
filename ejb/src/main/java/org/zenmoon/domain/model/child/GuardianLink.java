package org.zenmoon.domain.model.child;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A guardian account linked to a child: the guardian sees this child, and only linked children. */
@Entity
@Table(name = "guardian_link")
@IdClass(GuardianLink.Key.class)
public class GuardianLink extends TenantOwned {

    @Id
    @Column(name = "child_id")
    private String childId;

    @Id
    @Column(name = "user_id")
    private String userId;

    protected GuardianLink() {}

    public GuardianLink(String childId, String userId) {
        this.childId = childId;
        this.userId = userId;
    }

    public String getChildId() {
        return childId;
    }

    /** Composite key (child, guardian). */
    public static class Key implements Serializable {
        private String childId;
        private String userId;

        public Key() {}

        public Key(String childId, String userId) {
            this.childId = childId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(childId, k.childId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(childId, userId);
        }
    }
}
