package org.zenmoon.application;

import java.time.Instant;
import java.util.List;
import org.zenmoon.analysis.chronotype.ChronotypeCategory;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.ResultKey;
import org.zenmoon.domain.model.child.DetectedSleep;

/**
 * What a job computed for one child: results to store (each replacing the one with its key), for sleep detection
 * the episodes found, for the chronotype job the category to put on the child (null for other jobs); and how long
 * reading the child's data took.
 */
public record ChildOutput(
        String childId, List<Result> results, DetectedSleep sleep, Chronotype chronotype, long readNanos) {

    public record Result(ResultKey key, String payload, Instant computedAt) {}

    /** The chronotype job's category for the child (null: not known), stored on the child with the results. */
    public record Chronotype(ChronotypeCategory category) {}

    public static ChildOutput of(String childId, Result... results) {
        return new ChildOutput(childId, List.of(results), null, null, 0);
    }

    /** The same output, with the time spent reading the child's data (for the job's timings). */
    public ChildOutput read(long nanos) {
        return new ChildOutput(childId, results, sleep, chronotype, nanos);
    }
}
