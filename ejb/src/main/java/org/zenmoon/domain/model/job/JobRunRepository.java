package org.zenmoon.domain.model.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Job runs of the current tenant, and the one cross-tenant question: which runs went stale. */
public interface JobRunRepository {

    long nextId();

    /**
     * Stores a new run with its partitions; false (nothing stored) while the tenant runs this job already, or any
     * of the jobs named in {@code notBeside} (jobs that write the same results).
     */
    boolean create(JobRun run, List<JobPartition> partitions, java.util.Collection<String> notBeside);

    Optional<JobRun> find(long runId);

    /** The tenant's latest runs, newest first. */
    List<JobRun> recent(int limit);

    List<JobPartition> partitions(long runId);

    /** The run is now worked on by {@code executionId}. */
    void started(long runId, long executionId, Instant now);

    /** Sets the status (and the end, for a final one); false if the run does not exist. */
    boolean status(long runId, JobStatus status, String exitStatus, Instant now);

    /**
     * Ends an active run whose heartbeat is still older than {@code olderThan} (its server died): FAILED, or STOPPED
     * for one that was stopping. Compare-and-set: false if the run moved on meanwhile (a restart, a new heartbeat).
     */
    boolean abandonIfStale(long runId, Instant olderThan, String reason, Instant now);

    /**
     * Makes a stopped or failed run active again for another attempt; false if it is not resumable or the tenant
     * runs the job already, or one of {@code notBeside}.
     */
    boolean resume(long runId, String trigger, Instant now, java.util.Collection<String> notBeside);

    /**
     * Moves a partition's checkpoint to {@code doneThrough} and adds to its counters, in the transaction that
     * stores the chunk's results.
     */
    void checkpoint(
            long runId,
            int partition,
            String doneThrough,
            int read,
            int written,
            int skipped,
            JobRun.Timings spent,
            Instant now);

    /** Active runs of every tenant whose heartbeat is older than {@code olderThan}. */
    List<StaleRun> stale(Instant olderThan);
}
