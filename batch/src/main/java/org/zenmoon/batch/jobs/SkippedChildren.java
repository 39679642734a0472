package org.zenmoon.batch.jobs;

import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Logger;
import org.zenmoon.application.JobRuns;

/**
 * Logs each child that a job skipped, with the reason (the child's id is a random identifier; no measurement is
 * logged), and counts it. The count reaches the database with the next chunk's commit; skips after the last chunk
 * are committed when the partition ends.
 */
@Named("skippedChildren")
@Dependent
public class SkippedChildren extends RunParameters implements SkipProcessListener, StepListener {

    private static final Logger LOG = Logger.getLogger(SkippedChildren.class.getName());

    @Inject
    StepContext step;

    @Inject
    JobRuns runs;

    @Override
    public void onSkipProcessItem(Object item, Exception ex) {
        LOG.warning(() -> "job run " + runId + " skipped child " + item + ": " + ex.getMessage());
        PartitionProgress progress = (PartitionProgress) step.getTransientUserData();
        if (progress != null) {
            progress.skipped();
        }
    }

    @Override
    public void beforeStep() {
        // Nothing before.
    }

    @Override
    public void afterStep() throws Exception {
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
