package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildSummary;

/**
 * The children a caller may see ({@link AccessPolicy#childScope}). A child outside that scope, in this tenant
 * or another, does not exist for the caller.
 */
@Stateless
@TenantBound
@Audited
@Requires(Permission.READ_CHILDREN)
public class ChildDirectory {

    @Inject
    ChildRepository children;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    public List<ChildSummary> visibleChildren() {
        return children.summaries(policy.childScope(callers.current()));
    }

    /** The children of one cohort that the caller may see, by pseudonym; none for a cohort outside the scope. */
    public List<ChildSummary> inCohort(String cohortId) {
        return visibleChildren().stream()
                .filter(c -> c.cohortId().equals(cohortId))
                .toList();
    }

    public ChildSummary find(String childId) {
        return children.summary(policy.childScope(callers.current()), childId)
                .orElseThrow(() -> new NotFoundException("Child"));
    }
}
