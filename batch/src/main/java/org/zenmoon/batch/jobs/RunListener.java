package org.zenmoon.batch.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.JobRuns;
import org.zenmoon.domain.model.job.JobStatus;

/**
 * Records how an execution ended on its run (completed, stopped or failed, with the exit status), and, for a run of
 * the nightly schedule that completed, starts the next job of the pipeline
 * ({@link AnalysisJobs#NEXT_IN_PIPELINE}).
 */
@Named("runListener")
@Dependent
public class RunListener extends RunParameters implements JobListener {

    private static final Logger LOG = Logger.getLogger(RunListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    JobRuns runs;

    @Inject
    AnalysisJobs jobs;

    @Inject
    @BatchProperty
    String trigger;

    @Override
    public void beforeJob() {
        // The run was marked started when its execution was created.
    }

    @Override
    public void afterJob() throws Exception {
        BatchStatus s = job.getBatchStatus();
        JobStatus ended = switch (s) {
            case FAILED, ABANDONED -> JobStatus.FAILED;
            case STOPPING, STOPPED -> JobStatus.STOPPED;
            default -> JobStatus.COMPLETED;
        };
        String exit = job.getExitStatus();
        asActor(() -> {
            runs.ended(run(), ended, exit == null || exit.equals(s.name()) ? null : exit);
            return null;
        });
        String next = AnalysisJobs.NEXT_IN_PIPELINE.get(job.getJobName());
        if (ended == JobStatus.COMPLETED && "schedule".equals(trigger) && next != null) {
            try {
                asActor(() -> jobs.startIn(binding.actor(tenantId, actorId), next, "schedule"));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the nightly pipeline could not start {0}: {1}", new Object[] {next, e.toString()
                });
            }
        }
    }
}
