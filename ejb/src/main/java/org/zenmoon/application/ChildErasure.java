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
import org.zenmoon.domain.model.recommendation.VectorStore;

/**
 * Erases a child (GDPR Art. 17): its rows in every table that holds them, found in the catalogue, and then the child,
 * in one transaction. What remains is the audit trail, which holds ids only, with the erasure's own row on top. A
 * vector store outside the database (Weaviate) is asked to delete the child's situation vectors too, last, so that
 * its failure rolls the erasure back and it can be asked again.
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
    VectorStore vectors;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    ResultCache cache;

    /** @return the rows deleted per table, the child's own row under {@code child} */
    @Audited("erase")
    public Map<String, Integer> erase(String childId) {
        children.summary(policy.recordsScope(callers.current()), childId)
                .orElseThrow(() -> new NotFoundException("Child"));
        // Named while the child still exists, so that its cohort's summary goes too (after the commit).
        cache.childChanged(childId);
        Map<String, Integer> deleted = records.erase(childId);
        if (!vectors.erasedWithTheChildsRecords()) {
            vectors.eraseChild(callers.current().tenantId(), childId);
        }
        return deleted;
    }
}
