package org.zenmoon.batch.jobs;

import jakarta.batch.api.Batchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.zenmoon.application.RecommenderTraining;

/**
 * The {@code retrain-recommender} job's one step: the tenant's recommender is retrained, evaluated offline and
 * either enters an A/B test or is rejected ({@link RecommenderTraining}); what happened becomes the run's exit status.
 */
@Named("retrainBatchlet")
@Dependent
public class RetrainBatchlet extends RunParameters implements Batchlet {

    /** The exit status column's width. */
    static final int EXIT_STATUS_LENGTH = 200;

    @Inject
    RecommenderTraining training;

    @Inject
    JobContext job;

    @Override
    public String process() throws Exception {
        RecommenderTraining.Outcome outcome = asActor(training::retrain);
        String summary = outcome.summary() + "; " + outcome.records() + " training records"
                + (outcome.skippedRecords() > 0 ? ", " + outcome.skippedRecords() + " unusable" : "");
        String exit = summary.length() > EXIT_STATUS_LENGTH ? summary.substring(0, EXIT_STATUS_LENGTH) : summary;
        job.setExitStatus(exit);
        return exit;
    }

    @Override
    public void stop() {
        // One training takes seconds and holds one transaction: it finishes, or rolls back with the server.
    }
}
