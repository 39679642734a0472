package org.zenmoon.domain.model.cohort;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.zenmoon.domain.model.tenant.TenantOwned;

/** A counsellor or clinician assigned to a cohort: they see its children, and only the children of such cohorts. */
@Entity
@Table(name = "staff_cohort")
@IdClass(StaffAssignment.Key.class)
public class StaffAssignment extends TenantOwned {

    @Id
    @Column(name = "user_id")
    private String userId;

    @Id
    @Column(name = "cohort_id")
    private String cohortId;

    protected StaffAssignment() {}

    public StaffAssignment(String userId, String cohortId) {
        this.userId = userId;
        this.cohortId = cohortId;
    }

    public String getUserId() {
        return userId;
    }

    public String getCohortId() {
        return cohortId;
    }

    /** Composite key (staff member, cohort). */
    public static class Key implements Serializable {
        private String userId;
        private String cohortId;

        public Key() {}

        public Key(String userId, String cohortId) {
            this.userId = userId;
            this.cohortId = cohortId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(cohortId, k.cohortId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, cohortId);
        }
    }
}
