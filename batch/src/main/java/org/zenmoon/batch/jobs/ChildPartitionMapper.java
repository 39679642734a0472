package org.zenmoon.batch.jobs;

import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.JobRuns;
import org.zenmoon.domain.model.job.JobPartition;

/**
 * Splits a run into the partitions it was opened with (ranges of the tenant's children, fixed at the start), so that
 * a resumed run has the same partitions and each continues from its own checkpoint. At most
 * {@code zenmoon.jobs.threads} partitions run at once.
 */
@Named("childPartitionMapper")
@Dependent
public class ChildPartitionMapper extends RunParameters implements PartitionMapper {

    /** Partition property: the partition's number within the run. */
    static final String PARTITION = "partition";

    @Inject
    JobRuns runs;

    @Inject
    @ConfigProperty(name = "zenmoon.jobs.threads", defaultValue = "2")
    int threads;

    @Override
    public PartitionPlan mapPartitions() throws Exception {
        List<JobPartition> partitions = asActor(() -> runs.partitions(run()));
        PartitionPlanImpl plan = new PartitionPlanImpl();
        // A run over no child still has one (empty) partition, so that the step and the job complete normally.
        int n = Math.max(1, partitions.size());
        Properties[] props = new Properties[n];
        for (int i = 0; i < n; i++) {
            props[i] = new Properties();
            props[i].setProperty(
                    PARTITION,
                    String.valueOf(partitions.isEmpty() ? -1 : partitions.get(i).partition()));
        }
        plan.setPartitions(n);
        plan.setThreads(Math.max(1, Math.min(threads, n)));
        plan.setPartitionProperties(props);
        // Partitions come from the database on every execution; the runtime must not reuse an older plan.
        plan.setPartitionsOverride(true);
        return plan;
    }
}
