package org.zenmoon.batch.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.zenmoon.application.ChildAnalysis;
import org.zenmoon.application.ChildOutput;

/**
 * Runs the job's analysis ({@code analysis}: the job's name) on one child. A child that cannot be analysed throws
 * {@code ChildSkipped}, which the JSL declares skippable: the child is logged and counted, the chunk goes on.
 */
@Named("childProcessor")
@Dependent
public class ChildProcessor extends RunParameters implements ItemProcessor {

    @Inject
    @BatchProperty
    String analysis;

    @Inject
    @Any
    Instance<ChildAnalysis> analyses;

    private ChildAnalysis chosen;

    @Inject
    StepContext step;

    @Override
    public Object processItem(Object childId) throws Exception {
        long started = System.nanoTime();
        ChildOutput out;
        try {
            // Inside the binding: the services answer only a caller who may run jobs, jobName() included.
            out = asActor(() -> analysis().analyse((String) childId));
        } finally {
            // A skipped child's time counts too, as computing.
            ((PartitionProgress) step.getTransientUserData()).spent(System.nanoTime() - started);
        }
        ((PartitionProgress) step.getTransientUserData()).spentReading(out.readNanos());
        return out;
    }

    private ChildAnalysis analysis() {
        if (chosen == null) {
            chosen = analyses.stream()
                    .filter(a -> a.jobName().equals(analysis))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no analysis for the job " + analysis));
        }
        return chosen;
    }
}
