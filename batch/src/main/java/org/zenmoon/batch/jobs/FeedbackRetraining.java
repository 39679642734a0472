package org.zenmoon.batch.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.RecommenderTraining;
import org.zenmoon.application.RetrainDue;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;

/**
 * Starts the {@code retrain-recommender} job when a tenant's feedback reaches the next multiple of
 * {@code zenmoon.recommender.retrain-every}, once that feedback has committed, in the name of the tenant's admin
 * who runs its nightly jobs, on the job timers' thread (no request and no transaction: the batch runtime must not
 * first meet a transaction). The parent's answer never waits for it, and never fails because of it: a retraining
 * still running is left to finish (the next multiple starts the next one).
 */
@ApplicationScoped
public class FeedbackRetraining {

    private static final Logger LOG = Logger.getLogger(FeedbackRetraining.class.getName());

    @Inject
    Accounts accounts;

    @Inject
    AnalysisJobs jobs;

    @Inject
    CallerContext callers;

    @Inject
    JobTimers timers;

    void due(@Observes(during = TransactionPhase.AFTER_SUCCESS) RetrainDue due) {
        timers.soon("retraining", () -> start(due));
    }

    private void start(RetrainDue due) {
        Optional<Caller> admin = accounts.scheduleAdmin(due.tenantId());
        if (admin.isEmpty()) {
            LOG.warning(() ->
                    "tenant " + due.tenantId() + " has no active tenant admin: its recommender is not" + " retrained");
            return;
        }
        try {
            Optional<Long> run =
                    callers.callAs(admin.get(), () -> jobs.startIn(admin.get(), RecommenderTraining.JOB, "feedback"));
            if (run.isEmpty()) {
                LOG.info(() -> "tenant " + due.tenantId() + ": a retraining is still running");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "tenant {0}: the retraining could not start: {1}", new Object[] {
                due.tenantId(), e.toString()
            });
        }
    }
}
