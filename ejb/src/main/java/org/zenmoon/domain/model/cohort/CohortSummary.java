package org.zenmoon.domain.model.cohort;

import java.io.Serializable;

/** A cohort with its number of children. The getters are for Jakarta Expression Language in the portal. */
public record CohortSummary(String cohortId, String name, CohortKind kind, long children) implements Serializable {

    public String getCohortId() {
        return cohortId;
    }

    public String getName() {
        return name;
    }

    public long getChildren() {
        return children;
    }
}
