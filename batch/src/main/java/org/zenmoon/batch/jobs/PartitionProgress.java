package org.zenmoon.batch.jobs;

import org.zenmoon.domain.model.job.JobRun;

/**
 * What a partition's reader, skip listener and writer share within one thread (the step context's transient
 * data): the last child read, the children skipped since the last commit, and the time spent since then.
 */
final class PartitionProgress {

    final int partition;
    private String lastRead;
    private int skipped;
    private long analysingNanos;
    private long readingNanos;

    PartitionProgress(int partition) {
        this.partition = partition;
    }

    void read(String childId) {
        lastRead = childId;
    }

    void skipped() {
        skipped++;
    }

    /** Time spent analysing one child, its reading included. */
    void spent(long nanos) {
        analysingNanos += nanos;
    }

    /** The part of it spent reading the child's data. */
    void spentReading(long nanos) {
        readingNanos += nanos;
    }

    /** The time spent reading and computing since the last call. */
    JobRun.Timings takeTimings() {
        long readMs = readingNanos / 1_000_000;
        long computeMs = Math.max(0, analysingNanos - readingNanos) / 1_000_000;
        analysingNanos = 0;
        readingNanos = 0;
        return new JobRun.Timings(readMs, computeMs, 0);
    }

    String lastRead() {
        return lastRead;
    }

    /** The skips since the last call. */
    int takeSkipped() {
        int s = skipped;
        skipped = 0;
        return s;
    }
}
