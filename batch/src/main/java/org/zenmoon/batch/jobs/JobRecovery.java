package org.zenmoon.batch.jobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.job.JobRunRepository;
import org.zenmoon.domain.model.job.StaleRun;

/**
 * Resumes the runs that a server left behind when it was killed or lost: every half minute, each active run whose
 * heartbeat is older than {@code zenmoon.jobs.stale-after} and that this server's batch runtime is not executing
 * continues, as the same run, from its partitions' checkpoints, in the name of the admin who started it. A run whose
 * admin is gone, or lost the right to run jobs, stays as it is; the next start of its job marks it failed.
 */
@ApplicationScoped
public class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());

    @Inject
    JobRunRepository runs;

    @Inject
    AnalysisJobs jobs;

    @Inject
    Accounts accounts;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "zenmoon.jobs.stale-after", defaultValue = "PT2M")
    Duration staleAfter;

    /** Called every half minute by {@link JobTimers}. */
    void look() {
        try {
            for (StaleRun stale : runs.stale(clock.instant().minus(staleAfter))) {
                recover(stale);
            }
        } catch (RuntimeException e) {
            // A database that is not reachable or not migrated yet: readiness says so; the next minute tries again.
            LOG.log(
                    Level.WARNING,
                    "stale job runs could not be listed: {0}",
                    e.getClass().getName());
        }
    }

    private void recover(StaleRun stale) {
        if (runningHere(stale)) {
            return;
        }
        try {
            Caller actor = accounts.callerWithId(stale.startedBy())
                    .map(c -> c.inTenant(stale.tenantId()))
                    .orElse(null);
            if (actor == null) {
                LOG.warning(() -> "job run " + stale.runId() + " cannot be resumed: the admin who started it is gone");
                return;
            }
            boolean resumed =
                    callers.callAs(() -> actor, "job-" + stale.runId(), () -> jobs.recover(actor, stale.runId()));
            if (resumed) {
                LOG.info(() -> "resumed job run " + stale.runId() + " (" + stale.jobName() + ") from its checkpoints");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "job run {0} could not be resumed: {1}", new Object[] {stale.runId(), e.toString()});
        }
    }

    private boolean runningHere(StaleRun stale) {
        Long execution = stale.executionId();
        if (execution == null) {
            return false;
        }
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            // Execution ids start again after a restart: only an execution with this run's id and tenant is it.
            Properties p = operator.getParameters(execution);
            if (p == null
                    || !String.valueOf(stale.runId()).equals(p.getProperty(AnalysisJobs.RUN))
                    || !stale.tenantId().equals(p.getProperty(AnalysisJobs.TENANT))) {
                return false;
            }
            BatchStatus s = operator.getJobExecution(execution).getBatchStatus();
            return s == BatchStatus.STARTING || s == BatchStatus.STARTED || s == BatchStatus.STOPPING;
        } catch (NoSuchJobExecutionException | NullPointerException e) {
            // Unknown to this server's runtime (JBatch answers some unknown ids with a NullPointerException).
            return false;
        }
    }
}
