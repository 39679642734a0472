package org.zenmoon.application;

import java.time.Instant;
import java.util.List;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.ResultKey;
import org.zenmoon.domain.model.child.DetectedSleep;

/**
 * What a job computed for one child: results to store (each replacing the one with its key), for sleep detection
 * the episodes found, for the chronotype job the category to put on the child, for the retention job what to delete
 * (null for other jobs); and how long reading the child's data took.
 */
public record ChildOutput(
        String childId, List<Result> results, DetectedSleep sleep, Chronotype chronotype, Purge purge, long readNanos) {

    public record Result(ResultKey key, String payload, Instant computedAt) {}

    /** The chronotype job's category for the child (null: not known), stored on the child with the results. */
    public record Chronotype(ChronotypeCategory category) {}

    /**
     * The retention job's work for the child: its data dated before {@code cutoff} goes, and so does what the
     * withdrawn consents whose erasure is due covered ({@link ChildDataLifecycle}).
     */
    public record Purge(Instant cutoff) {}

    public static ChildOutput of(String childId, Result... results) {
        return new ChildOutput(childId, List.of(results), null, null, null, 0);
    }

    public static ChildOutput purge(String childId, Instant cutoff) {
        return new ChildOutput(childId, List.of(), null, null, new Purge(cutoff), 0);
    }

    /** The same output, with the time spent reading the child's data (for the job's timings). */
    public ChildOutput read(long nanos) {
        return new ChildOutput(childId, results, sleep, chronotype, purge, nanos);
    }
}
