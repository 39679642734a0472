package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ChildSummary;

/** A visible child's chronotype, computed on request from its stored epochs. */
@Stateless
@TenantBound
@Audited
@Requires(Permission.READ_CHILDREN)
public class ChildChronotype {

    @Inject
    ChildDirectory directory;

    @Inject
    ChronotypeComputation computation;

    @Inject
    Clock clock;

    public ChronotypeView of(String childId) {
        ChildSummary child = directory.find(childId);
        var now = clock.instant();
        return ChronotypeView.of(computation.analyse(childId, child.birthYear(), now), now);
    }
}
