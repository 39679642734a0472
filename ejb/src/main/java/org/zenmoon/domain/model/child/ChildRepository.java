package org.zenmoon.domain.model.child;

import java.util.List;
import java.util.Optional;

/** Children of the current tenant (the tenant wall is applied underneath, never by the caller). */
public interface ChildRepository {

    /** The children in {@code scope}, by cohort name and pseudonym. */
    List<ChildSummary> summaries(ChildScope scope);

    /** One child, if it exists and lies in {@code scope}. */
    Optional<ChildSummary> summary(ChildScope scope, String childId);

    /** Every child of the tenant, for jobs that work through all of them. */
    List<Child> all();

    Optional<Child> find(String childId);
}
