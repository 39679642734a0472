package org.zenmoon.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.domain.model.child.ChildRecordRepository;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.recommendation.VectorStore;

/**
 * The retention job's deletes of one child's data, each audited for the child through the one audit place: what the
 * retention period no longer keeps ({@code purge}), and what a withdrawn consent covered ({@code erase}). Called by
 * {@link ChildDataLifecycle} only when there is something to delete, in the chunk's transaction.
 */
@ApplicationScoped
@Requires(Permission.RUN_JOBS)
public class ChildDataDeletes {

    @Inject
    ChildRecordRepository records;

    @Inject
    VectorStore vectors;

    @Inject
    CallerContext callers;

    @Audited("purge")
    public Map<String, Integer> purgeBefore(String childId, Instant cutoff) {
        return records.purgeBefore(childId, cutoff);
    }

    @Audited("erase")
    public Map<String, Integer> eraseCovered(String childId, ConsentScope scope) {
        Map<String, Integer> erased = records.eraseCovered(childId, scope);
        if (scope == ConsentScope.COLLECTION && !vectors.erasedWithTheChildsRecords()) {
            vectors.eraseChild(callers.current().tenantId(), childId);
        }
        return erased;
    }
}
