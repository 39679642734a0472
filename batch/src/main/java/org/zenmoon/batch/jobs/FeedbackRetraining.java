package org.zenmoon.batch.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.zenmoon.application.RecommenderTraining;
import org.zenmoon.application.RetrainDue;

/**
 * Starts the {@code retrain-recommender} job when a tenant's feedback reaches the next multiple of
 * {@code zenmoon.recommender.retrain-every}, once that feedback has committed, in the name of the tenant's admin
 * who runs its nightly jobs, on the job timers' thread (no request and no transaction: the batch runtime must not
 * first meet a transaction). The parent's answer never waits for it, and never fails because of it: a retraining
 * still running is left to finish (the next multiple starts the next one).
 */
@ApplicationScoped
public class FeedbackRetraining {

    @Inject
    TenantJobStart starter;

    @Inject
    JobTimers timers;

    void due(@Observes(during = TransactionPhase.AFTER_SUCCESS) RetrainDue due) {
        timers.soon("retraining", () -> starter.start(due.tenantId(), RecommenderTraining.JOB, "feedback"));
    }
}
