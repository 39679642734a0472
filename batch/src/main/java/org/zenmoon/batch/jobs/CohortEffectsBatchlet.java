package org.zenmoon.batch.jobs;

import jakarta.batch.api.Batchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashSet;
import org.zenmoon.application.CausalRefresh;
import org.zenmoon.application.JobRuns;

/**
 * The {@code causal-effects} job's second step: pools the children's daily records, stored by the first step, into
 * one estimate per cohort, intervention and outcome. It is quick (no epochs are read), so it runs as one batchlet.
 */
@Named("cohortEffectsBatchlet")
@Dependent
public class CohortEffectsBatchlet extends RunParameters implements Batchlet {

    @Inject
    CausalRefresh causal;

    @Inject
    JobRuns runs;

    @Override
    public String process() throws Exception {
        int cohorts = asActor(() -> causal.cohorts(new HashSet<>(runs.eligibleChildren())));
        return "cohorts with effects: " + cohorts;
    }

    @Override
    public void stop() {
        // Short and without a loop worth interrupting: it finishes.
    }
}
