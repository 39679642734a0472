package org.zenmoon.batch.jobs;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;

/**
 * The entry point of a job execution's threads: binds the admin in whose name the run works, as the account is now
 * (one who lost the right to run jobs since the start is refused by the services), in the run's tenant, as the unit
 * of work {@code job-<run id>}, whose audit rows then carry that reference. Each artifact passes the job parameters
 * it was given ({@code runId}, {@code tenantId}, {@code actorId} in the JSL).
 */
@Dependent
public class RunBinding {

    @Inject
    Accounts accounts;

    @Inject
    CallerContext callers;

    public Caller actor(String tenantId, String actorId) {
        return accounts.callerWithId(actorId)
                .map(c -> c.inTenant(tenantId))
                .orElseThrow(() -> new IllegalStateException("the admin who started the job no longer exists"));
    }

    /** Runs {@code work} as the run's admin in the run's tenant. */
    public <T> T call(String runId, String tenantId, String actorId, Callable<T> work) throws Exception {
        return callers.callAs(() -> actor(tenantId, actorId), "job-" + runId, work);
    }
}
