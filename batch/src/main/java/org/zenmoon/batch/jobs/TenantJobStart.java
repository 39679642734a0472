package org.zenmoon.batch.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;

/**
 * Starts a job for a tenant without a request (the nightly schedule, feedback): in the name of the tenant's first
 * active tenant admin, like any admin's run. A tenant without one is left out, and a job still running from before
 * is left to finish; either is logged, never thrown.
 */
@ApplicationScoped
class TenantJobStart {

    private static final Logger LOG = Logger.getLogger(TenantJobStart.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    AnalysisJobs jobs;

    @Inject
    CallerContext callers;

    void start(String tenantId, String job, String trigger) {
        Optional<Caller> admin = accounts.scheduleAdmin(tenantId);
        if (admin.isEmpty()) {
            LOG.warning(() -> "tenant " + tenantId + " has no active tenant admin: " + job + " does not run");
            return;
        }
        try {
            Optional<Long> run = callers.callAs(admin.get(), () -> jobs.startIn(admin.get(), job, trigger));
            if (run.isEmpty()) {
                LOG.info(() -> "tenant " + tenantId + ": " + job + " is still running from before");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "tenant {0}: {1} could not start: {2}", new Object[] {tenantId, job, e.toString()});
        }
    }
}
