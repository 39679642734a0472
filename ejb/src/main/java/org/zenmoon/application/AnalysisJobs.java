package org.zenmoon.application;

import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.domain.model.tenant.TenantRepository;

/**
 * Starts analysis jobs and reports on them. A tenant admin's job covers its own tenant, a platform admin's all
 * tenants; the tenant and the starting admin travel as job parameters, and an execution started for another
 * tenant does not exist for the caller. Authorisation happens here, when a job starts: the job's steps then run
 * as the admin who started it.
 *
 * <p>Starting and stopping a job are audited (action {@code job}), with the job or the execution as resource.
 *
 * <p>A CDI bean, not an EJB: an EJB call would switch to the EAR's class loader, where the batch runtime cannot
 * see the job definitions inside the web module (Payara Server), so jobs are started in the caller's context.
 */
@ApplicationScoped
public class AnalysisJobs {

    /** Job parameter: the tenant the job covers, or {@link #ALL_TENANTS}. */
    public static final String TENANT = "tenantId";
    /** Job parameter: the user id of the admin who started the job. */
    public static final String ACTOR = "actorId";

    static final String ALL_TENANTS = "*";

    /** Jobs this version can run; the other names of API.md arrive with their jobs. */
    static final Set<String> AVAILABLE = Set.of("chronotype");

    static final Set<String> ANNOUNCED =
            Set.of("sleep-detection", "causal-effects", "forecast", "retrain-recommender", "retention");

    /** A job execution as the API reports it. */
    public record Status(
            String executionId,
            String jobName,
            String status,
            Double progress,
            Instant startedAt,
            Instant endedAt,
            String exitStatus) {}

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    @Inject
    TenantRepository tenants;

    /** @return the execution id */
    @Requires(Permission.RUN_JOBS)
    @Audited("job")
    public String start(String jobName) {
        if (!AVAILABLE.contains(jobName)) {
            throw NotFoundException.because(
                    ANNOUNCED.contains(jobName)
                            ? "The job '" + jobName + "' is not available in this version."
                            : "There is no job '" + jobName + "'.");
        }
        Caller caller = callers.current();
        Properties params = new Properties();
        params.setProperty(TENANT, policy.jobsCoverAllTenants(caller) ? ALL_TENANTS : caller.tenantId());
        params.setProperty(ACTOR, caller.userId());
        return String.valueOf(operator().start(jobName, params));
    }

    @Requires(Permission.RUN_JOBS)
    public Status status(String executionId) {
        JobExecution ex = visibleExecution(executionId);
        BatchStatus s = ex.getBatchStatus();
        Double progress = null;
        if (s == BatchStatus.COMPLETED) {
            progress = 1.0;
        } else if (s == BatchStatus.STARTING || s == BatchStatus.STARTED) {
            progress = 0.0;
        }
        return new Status(
                executionId,
                ex.getJobName(),
                s.name(),
                progress,
                instant(ex.getStartTime()),
                instant(ex.getEndTime()),
                ex.getExitStatus());
    }

    /**
     * Asks a running execution to stop; one that has ended already stays as it is.
     *
     * @return the execution's state after the request
     */
    @Requires(Permission.RUN_JOBS)
    @Audited("job")
    public Status stop(String executionId) {
        JobExecution ex = visibleExecution(executionId);
        try {
            operator().stop(ex.getExecutionId());
        } catch (JobExecutionNotRunningException e) {
            // Nothing to stop: the answer shows how it ended.
        }
        return status(executionId);
    }

    /** The execution, if it exists and covers the caller's tenant (or the caller's jobs cover every tenant). */
    private JobExecution visibleExecution(String executionId) {
        Caller caller = callers.current();
        JobExecution ex;
        Properties params;
        try {
            long id = Long.parseLong(executionId);
            ex = operator().getJobExecution(id);
            params = operator().getParameters(id);
        } catch (NumberFormatException | NoSuchJobExecutionException e) {
            throw new NotFoundException("Job execution");
        }
        String tenant = params == null ? null : params.getProperty(TENANT);
        boolean visible = policy.jobsCoverAllTenants(caller) || (tenant != null && tenant.equals(caller.tenantId()));
        if (!visible) {
            throw new NotFoundException("Job execution");
        }
        return ex;
    }

    /** The tenants a job with this tenant parameter covers. */
    @Requires(Permission.RUN_JOBS)
    @Transactional
    public List<String> tenantsCovered(String tenantParameter) {
        return ALL_TENANTS.equals(tenantParameter) ? tenants.allIds() : List.of(tenantParameter);
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
