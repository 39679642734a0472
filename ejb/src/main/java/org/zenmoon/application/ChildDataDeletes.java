package org.zenmoon.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    /**
     * The child's dated rows before {@code cutoff}, and the situations a vector store outside the database (Weaviate)
     * keeps from before it; a store that fails throws, so that the chunk rolls back and the run fails (a restart or
     * the next night's run does it again).
     */
    @Audited("purge")
    public Map<String, Integer> purgeBefore(String childId, Instant cutoff) {
        Map<String, Integer> purged = new LinkedHashMap<>(records.purgeBefore(childId, cutoff));
        if (!vectors.erasedWithTheChildsRecords()) {
            int situations = vectors.purgeBefore(callers.current().tenantId(), childId, cutoff);
            if (situations > 0) {
                purged.put(vectors.name() + " situations", situations);
            }
        }
        return purged;
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
