package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.StoredResult;
import org.zenmoon.domain.model.child.AnalysisInputs;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.job.JobPartition;
import org.zenmoon.domain.model.job.JobRun;
import org.zenmoon.domain.model.job.JobRunRepository;
import org.zenmoon.domain.model.job.JobStatus;

/**
 * The book-keeping of analysis job runs in the caller's tenant: a run is opened with its partitions (ranges of the
 * children with analysis consent, in id order), its steps report their progress here, and each chunk's outputs
 * are stored here together with the partition's checkpoint, in the chunk's transaction. Every method requires
 * {@code RUN_JOBS}: a job runs as the admin who started it, and stops when that admin loses the right.
 *
 * <p>Each call is a transaction of its own (so are the analyses'): the batch runtime runs a chunk in a transaction
 * that already holds its own repository's connection, which ZenMoon's database cannot join (two non-XA
 * resources). The atomicity that matters is here: a chunk's results and its partition's checkpoint commit together
 * in {@link #commit}; the runtime's own checkpoint only repositions a retried chunk within one execution.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class JobRuns {

    private static final Logger LOG = Logger.getLogger(JobRuns.class.getName());

    @Inject
    ResultCache cache;

    @Inject
    JobRunRepository runs;

    @Inject
    ChildRepository children;

    @Inject
    ConsentCheck consent;

    @Inject
    AnalysisResultRepository results;

    @Inject
    AnalysisInputs inputs;

    @Inject
    ChildDataLifecycle lifecycle;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "zenmoon.jobs.partitions", defaultValue = "4")
    int partitions;

    @Inject
    @ConfigProperty(name = "zenmoon.jobs.stale-after", defaultValue = "PT2M")
    Duration staleAfter;

    /**
     * Opens a run of {@code jobName} over the tenant's children with analysis consent. A run of the same job whose
     * heartbeat stopped (its server died, and no instance resumed it) is marked failed first, so that it cannot
     * block the tenant for ever.
     *
     * @return the run, or empty while the tenant runs this job already, or one that writes the same results
     *     ({@link AnalysisJobs#notBeside})
     */
    public Optional<JobRun> open(String jobName, String trigger) {
        Instant now = clock.instant();
        Set<String> exclusive = AnalysisJobs.notBeside(jobName);
        for (JobRun r : runs.recent(50)) {
            if ((r.jobName().equals(jobName) || exclusive.contains(r.jobName()))
                    && JobStatus.ACTIVE.contains(r.status())) {
                runs.abandonIfStale(
                        r.id(), now.minus(staleAfter), "abandoned: its server stopped sending heartbeats", now);
            }
        }
        List<String> ids = childrenFor(jobName);
        long id = runs.nextId();
        JobRun run = new JobRun(
                id,
                jobName,
                JobStatus.STARTING,
                null,
                callers.current().userId(),
                trigger,
                now,
                null,
                now,
                1,
                null,
                ids.size(),
                0,
                0,
                0,
                JobRun.Timings.NONE);
        return runs.create(run, split(id, ids, partitions), exclusive) ? runs.find(id) : Optional.empty();
    }

    /** The ids of the tenant's children with active analysis consent, in id order: those a new analysis includes. */
    public List<String> eligibleChildren() {
        Set<String> consented = consent.childrenWithActive(ConsentScope.ANALYSIS);
        return children.all().stream()
                .map(Child::getId)
                .filter(consented::contains)
                .sorted()
                .toList();
    }

    /**
     * The children a new run of {@code jobName} includes, in id order: for the analyses those with analysis consent;
     * for {@code retention} every child (retention and the erasure of withdrawn consents concern the others most).
     */
    List<String> childrenFor(String jobName) {
        if (RetentionPurge.JOB.equals(jobName)) {
            return children.all().stream().map(Child::getId).sorted().toList();
        }
        return eligibleChildren();
    }

    /** Contiguous ranges of the sorted ids, at most {@code count}, as even as can be. */
    static List<JobPartition> split(long runId, List<String> sortedIds, int count) {
        List<JobPartition> out = new ArrayList<>();
        int n = sortedIds.size();
        int k = Math.max(1, Math.min(count, n));
        for (int p = 0, from = 0; p < k && from < n; p++) {
            int to = from + (n - from + (k - p) - 1) / (k - p);
            out.add(new JobPartition(runId, p, sortedIds.get(from), sortedIds.get(to - 1), to - from, null, 0, 0, 0));
            from = to;
        }
        return out;
    }

    public JobRun find(long runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("Job execution"));
    }

    public Optional<JobRun> lookUp(long runId) {
        return runs.find(runId);
    }

    public List<JobRun> recent(int limit) {
        return runs.recent(limit);
    }

    public List<JobPartition> partitions(long runId) {
        return runs.partitions(runId);
    }

    public void started(long runId, long executionId) {
        runs.started(runId, executionId, clock.instant());
    }

    public void ended(long runId, JobStatus status, String exitStatus) {
        runs.status(runId, status, exitStatus, clock.instant());
    }

    /**
     * Ends a run whose server died, if its heartbeat is still stale (compare-and-set, so that a run restarted or
     * resumed meanwhile is left alone).
     *
     * @return the status it ended with (FAILED, or STOPPED for one that was stopping), or empty if it moved on
     */
    public Optional<JobStatus> abandonIfStale(long runId, String reason) {
        Instant now = clock.instant();
        if (!runs.abandonIfStale(runId, now.minus(staleAfter), reason, now)) {
            return Optional.empty();
        }
        return runs.find(runId).map(JobRun::status);
    }

    /**
     * @return false if the run is not stopped or failed, or the tenant runs its job already, or one that writes the
     *     same results ({@link AnalysisJobs#notBeside})
     */
    public boolean resume(long runId, String trigger) {
        Optional<JobRun> run = runs.find(runId);
        return run.isPresent()
                && runs.resume(
                        runId,
                        trigger,
                        clock.instant(),
                        AnalysisJobs.notBeside(run.get().jobName()));
    }

    /**
     * The children of a partition still to do: those after its checkpoint, in id order, that the run's job still
     * includes (for an analysis, a child whose guardian withdrew analysis consent since the run started is left out).
     */
    public List<String> remaining(long runId, int partition) {
        JobPartition p = runs.partitions(runId).stream()
                .filter(x -> x.partition() == partition)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Job partition"));
        Set<String> included = new HashSet<>(childrenFor(find(runId).jobName()));
        String after = p.doneThrough();
        return included.stream()
                .filter(id -> id.compareTo(p.firstChild()) >= 0 && id.compareTo(p.lastChild()) <= 0)
                .filter(id -> after == null || id.compareTo(after) > 0)
                .sorted()
                .toList();
    }

    /**
     * Stores a chunk's outputs and moves the partition's checkpoint to {@code doneThrough}, in one transaction:
     * either both happen or neither does. {@code spentBefore}: the time the chunk took to read and analyse (and any
     * earlier write time not yet counted); the time spent here is added to its writing.
     */
    public void commit(
            long runId,
            int partition,
            String doneThrough,
            List<ChildOutput> outputs,
            int skipped,
            JobRun.Timings spentBefore) {
        long started = System.nanoTime();
        int stored = 0;
        int gone = 0;
        int purgedRows = 0;
        int erasures = 0;
        for (ChildOutput out : outputs) {
            if (children.find(out.childId()).isEmpty()) {
                // Erased since it was analysed: nothing of it may be stored; it counts as skipped.
                gone++;
                continue;
            }
            stored++;
            // Its forecasts and its cohort's summary are read afresh once the chunk has committed (new results,
            // chronotype, detected sleep, or data that retention deleted).
            cache.childChanged(out.childId());
            if (out.sleep() != null) {
                inputs.replaceDetectedSleep(out.sleep());
            }
            if (out.chronotype() != null) {
                children.find(out.childId())
                        .ifPresent(c -> c.assignChronotype(out.chronotype().category()));
            }
            for (ChildOutput.Result r : out.results()) {
                results.put(r.key(), new StoredResult(r.payload(), r.computedAt()));
            }
            if (out.purge() != null) {
                ChildDataLifecycle.Done done =
                        lifecycle.apply(out.childId(), out.purge().cutoff());
                purgedRows += done.total();
                erasures += done.erased().size();
            }
        }
        if (purgedRows > 0 || erasures > 0) {
            int rows = purgedRows;
            int erased = erasures;
            LOG.info(() -> "run " + runId + ": retention deleted " + rows + " rows and carried out " + erased
                    + " erasures of withdrawn consents");
        }
        long writeMs = spentBefore.writeMs() + (System.nanoTime() - started) / 1_000_000;
        runs.checkpoint(
                runId,
                partition,
                doneThrough,
                outputs.size() + skipped,
                stored,
                skipped + gone,
                new JobRun.Timings(spentBefore.readMs(), spentBefore.computeMs(), writeMs),
                clock.instant());
    }
}
