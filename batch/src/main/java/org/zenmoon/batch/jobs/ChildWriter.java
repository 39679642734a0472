package org.zenmoon.batch.jobs;

import jakarta.batch.api.chunk.ItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.zenmoon.application.ChildOutput;
import org.zenmoon.application.JobRuns;

/**
 * Stores a chunk's outputs and moves the partition's checkpoint past the chunk's last child, in the chunk's
 * transaction ({@link JobRuns#commit}).
 */
@Named("childWriter")
@Dependent
public class ChildWriter extends RunParameters implements ItemWriter {

    @Inject
    JobRuns runs;

    @Inject
    StepContext step;

    @Override
    public void open(Serializable checkpoint) {
        // The checkpoint that matters is the partition's, in the database.
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        PartitionProgress progress = (PartitionProgress) step.getTransientUserData();
        List<ChildOutput> outputs = items.stream().map(ChildOutput.class::cast).toList();
        int skipped = progress.takeSkipped();
        asActor(() -> {
            runs.commit(run(), progress.partition, progress.lastRead(), outputs, skipped, progress.takeTimings());
            return null;
        });
    }

    @Override
    public Serializable checkpointInfo() {
        return null;
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}
