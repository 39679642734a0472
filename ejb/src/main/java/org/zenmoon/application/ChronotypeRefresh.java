package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResult;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.consent.ConsentScope;

/**
 * Recomputes and stores children's chronotypes, for the {@code chronotype} job. The job binds the admin who started
 * it as the caller, in each tenant it covers; that admin must still be allowed to run jobs. Each child is written
 * in a transaction of its own and audited as a write under the admin's id. Only children with active analysis
 * consent are included ({@link ConsentCheck}).
 */
@Stateless
@TenantBound
@Requires(Permission.RUN_JOBS)
public class ChronotypeRefresh {

    @Inject
    ChildRepository children;

    @Inject
    ChronotypeComputation computation;

    @Inject
    AnalysisResultRepository results;

    @Inject
    Clock clock;

    @Inject
    ConsentCheck consent;

    /** The ids of the tenant's children with active analysis consent, in id order. */
    public List<String> childIds() {
        Set<String> consented = consent.childrenWithActive(ConsentScope.ANALYSIS);
        return children.all().stream()
                .map(Child::getId)
                .filter(consented::contains)
                .toList();
    }

    /**
     * Stores the child's chronotype on the child and as an analysis result; true when a category is known. A child
     * whose analysis consent was withdrawn since the job listed it is left alone (false).
     */
    @Audited("write")
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean refresh(String childId) {
        Child child = children.find(childId).orElseThrow(() -> new NotFoundException("Child"));
        if (!consent.isActive(childId, ConsentScope.ANALYSIS)) {
            return false;
        }
        Instant now = clock.instant();
        Chronotype c = computation.analyse(childId, child.getBirthYear(), now);
        ChronotypeView view = ChronotypeView.of(c, now);
        child.assignChronotype(view.category() == null ? null : c.category());
        results.add(new AnalysisResult(
                UUID.randomUUID().toString(),
                childId,
                null,
                "chronotype",
                now,
                Json.createObjectBuilder()
                        .add("status", view.status())
                        .add("msfSc", view.msfSc() == null ? "" : view.msfSc())
                        .add("category", view.category() == null ? "" : view.category())
                        .add("nights", view.nights())
                        .add("method", view.method())
                        .build()
                        .toString()));
        return view.category() != null;
    }
}
