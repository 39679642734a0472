package org.zenmoon.application;

import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.domain.model.job.JobRun;
import org.zenmoon.domain.model.job.JobStatus;
import org.zenmoon.domain.model.tenant.TenantRepository;

/**
 * Starts, stops, resumes and reports analysis job runs. A run is one job over one tenant; a tenant admin's request
 * runs its own tenant, a platform admin's one run per tenant. The run (and its partitions and checkpoints) lives in
 * the database ({@link JobRuns}); the batch runtime executes it, and a run stopped, failed or cut off by a crash is
 * resumed as the same run by a new execution, from its checkpoints. The API's {@code executionId} is the run's id.
 *
 * <p>Starting, stopping and restarting are audited (action {@code job}).
 *
 * <p>A CDI bean, not an EJB: an EJB call would switch to the EAR's class loader, where the batch runtime cannot
 * see the job definitions inside the web module (Payara Server), so executions are started in the caller's context.
 */
@ApplicationScoped
public class AnalysisJobs {

    /** Job parameter: the tenant of the run. */
    public static final String TENANT = "tenantId";
    /** Job parameter: the user id of the admin in whose name the run works. */
    public static final String ACTOR = "actorId";
    /** Job parameter: the run's id. */
    public static final String RUN = "runId";
    /** Job parameter: what started this execution ({@code api}, {@code schedule}, {@code recovery}). */
    public static final String TRIGGER = "trigger";

    /**
     * The jobs of API.md, and {@code analyses} (beyond API.md's list): the four analyses in one pass over each
     * child's minutes, the nightly pipeline's first job.
     */
    public static final List<String> AVAILABLE = List.of(
            AllAnalyses.JOB,
            SleepDetection.JOB,
            ChronotypeRefresh.JOB,
            CausalRefresh.JOB,
            ForecastRefresh.JOB,
            RecommenderTraining.JOB,
            RetentionPurge.JOB);

    /**
     * The first job of the nightly pipeline: every analysis, each child's minutes read once ({@link AllAnalyses}).
     * The {@code retention} job starts beside it, on its own, so that neither one's failure holds the other back.
     */
    public static final String PIPELINE_START = AllAnalyses.JOB;

    private static String busy(String jobName) {
        Set<String> others = notBeside(jobName);
        return "The job '" + jobName + "' is running for this tenant already"
                + (others.isEmpty()
                        ? ""
                        : ", or " + String.join(", ", new java.util.TreeSet<>(others))
                                + ", which writes the same results")
                + "; wait for it to end, or stop it.";
    }

    /** The jobs whose results {@code analyses} writes too. */
    private static final Set<String> ONE_BY_ONE =
            Set.of(SleepDetection.JOB, ChronotypeRefresh.JOB, CausalRefresh.JOB, ForecastRefresh.JOB);

    /**
     * The other jobs a run of {@code jobName} may not start beside, in the same tenant, because they write the same
     * results (detected sleep episodes are replaced, not merged): {@code analyses} and each of the four analyses.
     * A job never runs beside itself either (V8's unique index).
     */
    static Set<String> notBeside(String jobName) {
        if (AllAnalyses.JOB.equals(jobName)) {
            return ONE_BY_ONE;
        }
        return ONE_BY_ONE.contains(jobName) ? Set.of(AllAnalyses.JOB) : Set.of();
    }

    /** The nightly pipeline: after a scheduled run of a job completes, the next one starts. */
    public static final Map<String, String> NEXT_IN_PIPELINE = Map.of(AllAnalyses.JOB, RecommenderTraining.JOB);

    private static final Logger LOG = Logger.getLogger(AnalysisJobs.class.getName());

    /** A run as the API reports it. */
    public record Status(
            String executionId,
            String jobName,
            String status,
            double progress,
            Instant startedAt,
            Instant endedAt,
            int read,
            int written,
            int skipped,
            int total,
            int attempts,
            String trigger,
            String exitStatus,
            JobRun.Timings timings) {

        static Status of(JobRun r) {
            return new Status(
                    String.valueOf(r.id()),
                    r.jobName(),
                    r.status().name(),
                    r.progress(),
                    r.startedAt(),
                    r.endedAt(),
                    r.read(),
                    r.written(),
                    r.skipped(),
                    r.total(),
                    r.attempts(),
                    r.trigger(),
                    r.exitStatus(),
                    r.timings());
        }
    }

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    @Inject
    TenantRepository tenants;

    @Inject
    JobRuns runs;

    /**
     * Starts the job for the caller's tenant (a platform admin: for every tenant).
     *
     * @return the first run's id
     * @throws ConflictException while the tenant runs this job already
     */
    @Requires(Permission.RUN_JOBS)
    @Audited("job")
    public String start(String jobName) {
        requireKnown(jobName);
        Caller caller = callers.current();
        List<String> ids = new ArrayList<>();
        for (String tenant : tenantsOf(caller)) {
            ids.add(String.valueOf(startIn(caller.inTenant(tenant), jobName, "api")
                    .orElseThrow(() -> new ConflictException(busy(jobName)))));
        }
        if (ids.isEmpty()) {
            throw NotFoundException.because("There is no tenant to run the job for.");
        }
        return ids.get(0);
    }

    /**
     * Opens a run for {@code actor}'s tenant and starts its first execution (the nightly schedule and the pipeline
     * call this with the admin in whose name they run).
     *
     * @return the run's id, or empty while the tenant runs the job already
     */
    @Requires(Permission.RUN_JOBS)
    public Optional<Long> startIn(Caller actor, String jobName, String trigger) {
        try {
            Optional<JobRun> run = callers.callAs(actor, () -> runs.open(jobName, trigger));
            if (run.isEmpty()) {
                return Optional.empty();
            }
            execute(actor, run.get(), trigger);
            return Optional.of(run.get().id());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Requires(Permission.RUN_JOBS)
    public Status status(String executionId) {
        return Status.of(visibleRun(executionId).run());
    }

    /** The caller's tenant's latest runs (a platform admin's: every tenant's), newest first. */
    @Requires(Permission.RUN_JOBS)
    public List<Status> recent(int limit) {
        Caller caller = callers.current();
        List<JobRun> all = new ArrayList<>();
        for (String tenant : tenantsOf(caller)) {
            all.addAll(as(caller.inTenant(tenant), () -> runs.recent(limit)));
        }
        return all.stream()
                .sorted(Comparator.comparing(JobRun::startedAt).reversed())
                .limit(limit)
                .map(Status::of)
                .toList();
    }

    /**
     * Asks a running run to stop after its current chunk; one that has ended stays as it is. A run whose execution
     * this server does not know (its server died) is marked stopped at once.
     */
    @Requires(Permission.RUN_JOBS)
    @Audited("job")
    public Status stop(String executionId) {
        Located located = visibleRun(executionId);
        JobRun run = located.run();
        if (JobStatus.ACTIVE.contains(run.status())) {
            boolean asked = askToStop(run, located.actor().tenantId());
            as(located.actor(), () -> {
                runs.ended(
                        run.id(),
                        asked ? JobStatus.STOPPING : JobStatus.STOPPED,
                        asked ? null : "stopped: no execution was running");
                return null;
            });
        }
        return status(executionId);
    }

    /**
     * Resumes a stopped or failed run from its checkpoints, as the same run.
     *
     * @throws ConflictException for a run that completed or is running, or while another run of its job is active
     */
    @Requires(Permission.RUN_JOBS)
    @Audited("job")
    public Status restart(String executionId) {
        Located located = visibleRun(executionId);
        JobRun run = located.run();
        if (!run.status().resumable()) {
            throw new ConflictException("Only a stopped or failed run can be restarted; this one is "
                    + run.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        resume(located.actor(), run.id(), "api");
        return status(executionId);
    }

    /**
     * Resumes a run in {@code actor}'s tenant (after a crash, or on request): the run becomes active again and a new
     * execution continues from each partition's checkpoint.
     *
     * @throws ConflictException when it cannot be resumed (not stopped or failed, or another run is active)
     */
    @Requires(Permission.RUN_JOBS)
    public void resume(Caller actor, long runId, String trigger) {
        boolean resumed = as(actor, () -> runs.resume(runId, trigger));
        if (!resumed) {
            throw new ConflictException(
                    "The run cannot be restarted now: another run of its job, or one that writes the"
                            + " same results (analyses and each of the four analyses), is active.");
        }
        execute(actor, as(actor, () -> runs.find(runId)), trigger);
    }

    /**
     * Takes over a run whose server died (the caller is the run's admin): if its heartbeat is still stale, it ends
     * (FAILED, or STOPPED if it was being stopped) and a failed one resumes from its checkpoints.
     *
     * @return true if it was resumed
     */
    @Requires(Permission.RUN_JOBS)
    public boolean recover(Caller actor, long runId) {
        Optional<JobStatus> ended =
                as(actor, () -> runs.abandonIfStale(runId, "its server stopped; resumed from the checkpoints"));
        if (ended.orElse(null) != JobStatus.FAILED) {
            return false;
        }
        resume(actor, runId, "recovery");
        return true;
    }

    /**
     * Asks the batch runtime to stop the run's execution; false when it is not running here. Execution ids start
     * again after a restart, so the execution must carry this run's id and tenant to be this run's.
     */
    private static boolean askToStop(JobRun run, String tenantId) {
        if (run.executionId() == null) {
            return false;
        }
        try {
            Properties p = operator().getParameters(run.executionId());
            if (p == null
                    || !String.valueOf(run.id()).equals(p.getProperty(RUN))
                    || !tenantId.equals(p.getProperty(TENANT))) {
                return false;
            }
            operator().stop(run.executionId());
            return true;
        } catch (JobExecutionNotRunningException | NoSuchJobExecutionException | NullPointerException e) {
            // JBatch answers some execution ids it does not know with a NullPointerException.
            // Not running here (its server died): nothing will report the end.
            return false;
        }
    }

    private void execute(Caller actor, JobRun run, String trigger) {
        Properties params = new Properties();
        params.setProperty(TENANT, actor.tenantId());
        params.setProperty(ACTOR, actor.userId());
        params.setProperty(RUN, String.valueOf(run.id()));
        params.setProperty(TRIGGER, trigger);
        try {
            long execution = operator().start(run.jobName(), params);
            as(actor, () -> {
                runs.started(run.id(), execution);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job {0} could not start: {1}", new Object[] {run.jobName(), e.toString()});
            as(actor, () -> {
                runs.ended(
                        run.id(),
                        JobStatus.FAILED,
                        "could not start: " + e.getClass().getSimpleName());
                return null;
            });
            throw e;
        }
    }

    private record Located(Caller actor, JobRun run) {}

    /** The run, if it belongs to the caller's tenant (a platform admin: any tenant's). */
    private Located visibleRun(String executionId) {
        long id;
        try {
            id = Long.parseLong(executionId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Job execution");
        }
        Caller caller = callers.current();
        for (String tenant : tenantsOf(caller)) {
            Caller inTenant = caller.inTenant(tenant);
            Optional<JobRun> run = as(inTenant, () -> runs.lookUp(id));
            if (run.isPresent()) {
                return new Located(inTenant, run.get());
            }
        }
        throw new NotFoundException("Job execution");
    }

    private List<String> tenantsOf(Caller caller) {
        return policy.jobsCoverAllTenants(caller) ? as(caller, tenants::allIds) : List.of(caller.tenantId());
    }

    private static void requireKnown(String jobName) {
        if (!AVAILABLE.contains(jobName)) {
            throw NotFoundException.because("There is no job '" + jobName + "'.");
        }
    }

    private <T> T as(Caller caller, java.util.concurrent.Callable<T> work) {
        try {
            return callers.callAs(caller, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
