package org.zenmoon.domain.model.job;

import java.time.Instant;

/**
 * One run of one job over one tenant's children, with its partitions' counters summed: {@code total} children to
 * analyse, {@code read} of them done so far, each either {@code written} or {@code skipped}.
 *
 * @param executionId the batch runtime's execution that works on the run now (or last did)
 */
public record JobRun(
        long id,
        String jobName,
        JobStatus status,
        Long executionId,
        String startedBy,
        String trigger,
        Instant startedAt,
        Instant endedAt,
        Instant heartbeatAt,
        int attempts,
        String exitStatus,
        int total,
        int read,
        int written,
        int skipped,
        Timings timings) {

    /** Milliseconds spent reading children's data, in the engines and storing results, over all partitions. */
    public record Timings(long readMs, long computeMs, long writeMs) {
        public static final Timings NONE = new Timings(0, 0, 0);
    }

    /** Progress from 0 to 1: the children done against those the run covers (1 for a run with no child). */
    public double progress() {
        if (status == JobStatus.COMPLETED || total == 0) {
            return status == JobStatus.COMPLETED ? 1.0 : 0.0;
        }
        return Math.min(1.0, (double) read / total);
    }
}
