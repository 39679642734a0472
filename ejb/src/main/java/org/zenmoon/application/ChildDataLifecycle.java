package org.zenmoon.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.child.ChildRecordRepository;
import org.zenmoon.domain.model.consent.Consent;
import org.zenmoon.domain.model.consent.ConsentRepository;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.recommendation.VectorStore;

/**
 * Carries out the retention job's work for one child, in the transaction of the chunk that stores it with its
 * checkpoint ({@link JobRuns#commit}): the child's data dated before the tenant's cut-off goes, and, for each consent
 * the guardian withdrew whose grace period is over, what that consent covered
 * ({@link ChildRecordRepository#eraseCovered}); the consent then records when. Both are idempotent: a chunk done
 * again after a crash deletes nothing more. A child with nothing to delete leaves no audit row ({@link
 * ChildDataDeletes} audits each delete).
 */
@ApplicationScoped
public class ChildDataLifecycle {

    /** What went for one child: rows per table, and the consent scopes whose erasure was carried out. */
    public record Done(Map<String, Integer> rows, Set<ConsentScope> erased) {

        public int total() {
            return rows.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Inject
    ChildRecordRepository records;

    @Inject
    ChildDataDeletes deletes;

    @Inject
    VectorStore vectors;

    @Inject
    CallerContext callers;

    @Inject
    ConsentRepository consents;

    @Inject
    Clock clock;

    Done apply(String childId, Instant cutoff) {
        // The child's row, locked first: uploads under way finish and later ones wait (so no epoch is stored without
        // its 12-hour sum while the deletes run), and a consent granted again meanwhile waits too; the consents are
        // read after the lock, so an erasure the guardian cancelled in time is not carried out.
        if (!records.lock(childId)) {
            return new Done(Map.of(), Set.of());
        }
        Map<String, Integer> rows = new LinkedHashMap<>();
        if (records.hasRowsBefore(childId, cutoff) || hasOutsideSituationsBefore(childId, cutoff)) {
            rows.putAll(deletes.purgeBefore(childId, cutoff));
        }
        Instant now = clock.instant();
        List<Consent> history = consents.ofChild(childId);
        Set<ConsentScope> due = Consent.erasuresDue(history, now);
        for (ConsentScope scope : due) {
            deletes.eraseCovered(childId, scope).forEach((table, n) -> rows.merge(table, n, Integer::sum));
        }
        for (Consent k : history) {
            if (due.contains(k.getScope()) && k.erasureDue(now)) {
                k.erased(now);
            }
        }
        consents.saveChanges();
        return new Done(rows, due);
    }

    /**
     * Whether a vector store outside the database (Weaviate) still holds situations of the child from before the
     * cut-off. A situation is dated when it was answered, later than its recommendation's row, and a child who left
     * uploads nothing new: without this look, such a situation would outlive its rows and never go.
     */
    private boolean hasOutsideSituationsBefore(String childId, Instant cutoff) {
        return !vectors.erasedWithTheChildsRecords()
                && vectors.countBefore(callers.current().tenantId(), childId, cutoff) > 0;
    }
}
