package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Map;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ChildRecordRepository;
import org.zenmoon.domain.model.child.ChildRepository;

/**
 * Erases a child (GDPR Art. 17): its rows in every table that holds them, found in the catalogue, and then the child,
 * in one transaction. What remains is the audit trail, which holds ids only, with the erasure's own row on top.
 */
@Stateless
@TenantBound
@Requires(Permission.ERASE_CHILD)
public class ChildErasure {

    @Inject
    ChildRepository children;

    @Inject
    ChildRecordRepository records;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    /** @return the rows deleted per table, the child's own row under {@code child} */
    @Audited("erase")
    public Map<String, Integer> erase(String childId) {
        children.summary(policy.recordsScope(callers.current()), childId)
                .orElseThrow(() -> new NotFoundException("Child"));
        return records.erase(childId);
    }
}
