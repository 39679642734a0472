package org.zenmoon.batch.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.ChronotypeRefresh;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;

/**
 * The {@code chronotype} job's step: for each tenant the job covers, the admin who started it becomes the caller
 * in that tenant (with the roles the account has now), and every child with analysis consent is refreshed in a transaction of its own. The exit status says how many
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
    JobContext job;

    @Inject
    AnalysisJobs jobs;

    @Inject
    ChronotypeRefresh refresh;

    @Inject
    CallerContext callers;

    @Inject
    Accounts accounts;

    @Override
    public String process() throws Exception {
        // The admin as the account is now: one who lost the right to run jobs since the start is refused.
        Caller actor = accounts.callerWithId(actorId)
                .orElseThrow(() -> new IllegalStateException("the admin who started the job no longer exists"));
        // The execution is the unit of work: its audit rows carry "job-<execution id>" as their request.
        return callers.callAs(() -> actor, "job-" + job.getExecutionId(), () -> {
            int known = 0;
            for (String tenant : jobs.tenantsCovered(tenantId)) {
                known += callers.callAs(actor.inTenant(tenant), this::refreshTenant);
            }
            return "children with a chronotype: " + known;
        });
    }

    private int refreshTenant() {
        int known = 0;
        for (String childId : refresh.childIds()) {
            known += refresh.refresh(childId) ? 1 : 0;
        }
        return known;
    }
}
