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

    /** Whether a child of the tenant already has this pseudonym, regardless of case. */
    boolean pseudonymTaken(String pseudonym);

    void add(Child child);

    /** Whether the guardian is linked to the child already. */
    boolean linked(String childId, String userId);

    void link(GuardianLink link);

    /** Removes the guardian's link to the child; @return whether there was one */
    boolean unlink(String childId, String userId);

    /** The user ids of the guardian accounts linked to the child. */
    List<String> guardiansOf(String childId);

    void add(Intervention intervention);
}
