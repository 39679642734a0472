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
 * again after a crash deletes nothing more.
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
    ConsentRepository consents;

    @Inject
    VectorStore vectors;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    Done apply(String childId, Instant cutoff) {
        Map<String, Integer> rows = new LinkedHashMap<>(records.purgeBefore(childId, cutoff));
        Instant now = clock.instant();
        List<Consent> history = consents.ofChild(childId);
        Set<ConsentScope> due = Consent.erasuresDue(history, now);
        for (ConsentScope scope : due) {
            records.eraseCovered(childId, scope).forEach((table, n) -> rows.merge(table, n, Integer::sum));
            if (scope == ConsentScope.COLLECTION && !vectors.erasedWithTheChildsRecords()) {
                vectors.eraseChild(callers.current().tenantId(), childId);
            }
        }
        for (Consent k : history) {
            if (due.contains(k.getScope()) && k.erasureDue(now)) {
                k.erased(now);
            }
        }
        consents.saveChanges();
        return new Done(rows, due);
    }
}
