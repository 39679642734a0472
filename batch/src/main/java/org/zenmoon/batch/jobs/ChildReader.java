package org.zenmoon.batch.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.zenmoon.application.JobRuns;

/**
 * Reads the ids of a partition's children still to do, in id order: those after the partition's checkpoint in the
 * database (what committed before a stop or a crash), and within this execution after the runtime's own checkpoint
 * (a chunk rolled back and retried).
 */
@Named("childReader")
@Dependent
public class ChildReader extends RunParameters implements ItemReader {

    @Inject
    @BatchProperty
    String partition;

    @Inject
    JobRuns runs;

    @Inject
    StepContext step;

    private List<String> remaining = List.of();
    private int next;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        int p = Integer.parseInt(partition);
        remaining = p < 0 ? List.of() : asActor(() -> runs.remaining(run(), p));
        String after = checkpoint instanceof String s ? s : null;
        next = 0;
        while (after != null && next < remaining.size() && remaining.get(next).compareTo(after) <= 0) {
            next++;
        }
        step.setTransientUserData(new PartitionProgress(p));
    }

    @Override
    public Object readItem() {
        if (next >= remaining.size()) {
            return null;
        }
        String id = remaining.get(next++);
        ((PartitionProgress) step.getTransientUserData()).read(id);
        return id;
    }

    @Override
    public Serializable checkpointInfo() {
        return next == 0 ? null : remaining.get(next - 1);
    }

    @Override
    public void close() {
        // Nothing held open: the ids were read at open.
    }
}
