package org.zenmoon.domain.model.child;

import java.util.Set;

/**
 * Which of a tenant's children a caller may see, as the access policy decides it: all of them, those of some
 * cohorts, those linked to one guardian, or none. Repositories turn it into a query; they never decide it.
 */
public sealed interface ChildScope {

    /** Every child of the tenant. */
    record WholeTenant() implements ChildScope {}

    /** The children of these cohorts. */
    record Cohorts(Set<String> cohortIds) implements ChildScope {
        public Cohorts {
            cohortIds = Set.copyOf(cohortIds);
        }
    }

    /** The children linked to this guardian account. */
    record GuardianOf(String userId) implements ChildScope {}

    /** No child at all. */
    record Nobody() implements ChildScope {}
}
