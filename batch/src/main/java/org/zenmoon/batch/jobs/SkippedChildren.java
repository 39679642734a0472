package org.zenmoon.batch.jobs;

import jakarta.batch.api.chunk.listener.ChunkListener;
import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Logger;
import org.zenmoon.application.JobRuns;

/**
 * Logs each child that a job skipped, with the reason (the child's id is a random identifier; no measurement is
 * logged), and counts it. The count reaches the database with the chunk's commit, or, for a chunk whose children
 * were all skipped (the runtime then writes nothing), right after the chunk.
 */
@Named("skippedChildren")
@Dependent
public class SkippedChildren extends RunParameters implements SkipProcessListener, ChunkListener {

    private static final Logger LOG = Logger.getLogger(SkippedChildren.class.getName());

    @Inject
    StepContext step;

    @Inject
    JobRuns runs;

    @Override
    public void onSkipProcessItem(Object item, Exception ex) {
        // ChildSkipped's reason names what failed (an engine and an exception class, or the consent), no measurement.
        LOG.warning(() -> "job run " + runId + " skipped child " + item + ": " + ex.getMessage());
        PartitionProgress progress = (PartitionProgress) step.getTransientUserData();
        if (progress != null) {
            progress.skipped();
        }
    }

    @Override
    public void beforeChunk() {
        // Nothing before.
    }

    @Override
    public void onError(Exception ex) {
        // The chunk rolls back; its children are read again from the checkpoint.
    }

    /**
     * After each chunk, on the partition's thread: a chunk whose children were all skipped has nothing to write, so
     * the runtime does not call the writer; its skips and its checkpoint are committed here instead.
     */
    @Override
    public void afterChunk() throws Exception {
        PartitionProgress progress = (PartitionProgress) step.getTransientUserData();
        if (progress == null) {
            return;
        }
        int skipped = progress.takeSkipped();
        if (skipped > 0) {
            asActor(() -> {
                runs.commit(run(), progress.partition, progress.lastRead(), List.of(), skipped, progress.takeTimings());
                return null;
            });
        }
    }
}
