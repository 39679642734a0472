package org.zenmoon.batch.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.ChronotypeRefresh;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;

/**
 * The {@code chronotype} job's step: for each tenant the job covers, the admin who started it becomes the caller
 * in that tenant, and every child is refreshed in a transaction of its own. The exit status says how many
 * children got a category.
 */
@Named("chronotypeBatchlet")
@Dependent
public class ChronotypeBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String tenantId;

    @Inject
    @BatchProperty
    String actorId;

    @Inject
    AnalysisJobs jobs;

    @Inject
    ChronotypeRefresh refresh;

    @Inject
    CallerContext callers;

    @Override
    public String process() throws Exception {
        int known = 0;
        for (String tenant : jobs.tenantsCovered(tenantId)) {
            known += callers.callAs(new Caller(actorId, null, tenant, Set.of()), this::refreshTenant);
        }
        return "children with a chronotype: " + known;
    }

    private int refreshTenant() {
        int known = 0;
        for (String childId : refresh.childIds()) {
            known += refresh.refresh(childId) ? 1 : 0;
        }
        return known;
    }
}
