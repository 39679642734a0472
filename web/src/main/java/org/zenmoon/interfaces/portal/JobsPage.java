package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.AllAnalyses;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.CausalRefresh;
import org.zenmoon.application.ChronotypeRefresh;
import org.zenmoon.application.ConflictException;
import org.zenmoon.application.ForecastRefresh;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.RecommenderTraining;
import org.zenmoon.application.RetentionPurge;
import org.zenmoon.application.SleepDetection;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.domain.model.job.JobStatus;

/**
 * The job monitor, for those who may run the tenant's jobs: start a job, follow a run's progress (the page polls
 * while a run is active), stop a running run and restart a stopped or failed one from its checkpoints, and the recent
 * runs with their counts read, written and skipped. Every action goes through {@link AnalysisJobs}, which audits it.
 */
@Named
@ViewScoped
public class JobsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(JobsPage.class.getName());

    /** Runs the history shows. */
    static final int HISTORY = 20;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Each job in words. */
    static final Map<String, String> JOB_NAMES = Map.of(
            AllAnalyses.JOB, "All analyses (one pass: sleep, chronotypes, causal effects, forecasts)",
            SleepDetection.JOB, "Sleep detection",
            ChronotypeRefresh.JOB, "Chronotypes",
            CausalRefresh.JOB, "Causal effects of interventions",
            ForecastRefresh.JOB, "Sleep and stress forecasts",
            RecommenderTraining.JOB, "Recommender retraining",
            RetentionPurge.JOB, "Retention: deleting expired data");

    static final Map<String, String> STATUS_NAMES = Map.of(
            JobStatus.STARTING.name(), "Starting",
            JobStatus.STARTED.name(), "Running",
            JobStatus.STOPPING.name(), "Stopping",
            JobStatus.STOPPED.name(), "Stopped",
            JobStatus.FAILED.name(), "Failed",
            JobStatus.COMPLETED.name(), "Completed");

    static final Map<String, String> TRIGGER_NAMES =
            Map.of("api", "on request", "schedule", "nightly schedule", "recovery", "after a restart of the server");

    @Inject
    AnalysisJobs jobs;

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    private boolean allowed;
    private List<Run> runs = List.of();

    @PostConstruct
    void init() {
        allowed = policy.permits(callers.current(), Permission.RUN_JOBS);
        if (allowed) {
            load();
        }
    }

    /** The page's view action: 403 (the page that says where to go) for those who may not run jobs. */
    public void check() throws IOException {
        PageAnswers.refuseUnless(allowed, "Only a tenant admin runs jobs.");
    }

    public void load() {
        runs = jobs.recent(HISTORY).stream().map(Run::of).toList();
    }

    public void start(String jobName) {
        try {
            jobs.start(jobName);
            PageAnswers.info("Started: " + JOB_NAMES.getOrDefault(jobName, jobName) + ".");
        } catch (ConflictException | NotFoundException e) {
            PageAnswers.warn(e.getMessage());
        } catch (RuntimeException e) {
            // The batch runtime refused: the run is marked failed, and the server log has the details.
            LOG.log(Level.WARNING, "a job action from the portal failed", e);
            PageAnswers.warn("The job could not be started or changed; its run shows what happened. Try again later.");
        }
        load();
    }

    public void stop(String executionId) {
        try {
            jobs.stop(executionId);
            PageAnswers.info("Asked the run to stop after its current chunk.");
        } catch (ConflictException | NotFoundException e) {
            PageAnswers.warn(e.getMessage());
        } catch (RuntimeException e) {
            // The batch runtime refused: the run is marked failed, and the server log has the details.
            LOG.log(Level.WARNING, "a job action from the portal failed", e);
            PageAnswers.warn("The job could not be started or changed; its run shows what happened. Try again later.");
        }
        load();
    }

    public void restart(String executionId) {
        try {
            jobs.restart(executionId);
            PageAnswers.info("Restarted from its last checkpoints.");
        } catch (ConflictException | NotFoundException e) {
            PageAnswers.warn(e.getMessage());
        } catch (RuntimeException e) {
            // The batch runtime refused: the run is marked failed, and the server log has the details.
            LOG.log(Level.WARNING, "a job action from the portal failed", e);
            PageAnswers.warn("The job could not be started or changed; its run shows what happened. Try again later.");
        }
        load();
    }

    /** The jobs one can start, as {@code [name, words]} pairs in pipeline order. */
    public List<String[]> getJobs() {
        return AnalysisJobs.AVAILABLE.stream()
                .map(j -> new String[] {j, JOB_NAMES.getOrDefault(j, j)})
                .toList();
    }

    public boolean isActive() {
        return runs.stream().anyMatch(Run::isActive);
    }

    public List<Run> getRuns() {
        return runs;
    }

    public boolean isAllowed() {
        return allowed;
    }

    /** One run as the page shows it; a class with getters for Expression Language, kept in the session. */
    public static final class Run implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String executionId;
        private final String job;
        private final String status;
        private final String statusCode;
        private final int percent;
        private final String startedAt;
        private final String endedAt;
        private final int read;
        private final int written;
        private final int skipped;
        private final int total;
        private final String trigger;
        private final boolean active;
        private final boolean restartable;

        Run(AnalysisJobs.Status s) {
            executionId = s.executionId();
            job = JOB_NAMES.getOrDefault(s.jobName(), s.jobName());
            statusCode = s.status().toLowerCase(Locale.ROOT);
            status = STATUS_NAMES.getOrDefault(s.status(), s.status());
            percent =
                    Double.isFinite(s.progress()) ? (int) Math.round(100 * Math.max(0, Math.min(1, s.progress()))) : 0;
            startedAt = when(s.startedAt());
            endedAt = when(s.endedAt());
            read = s.read();
            written = s.written();
            skipped = s.skipped();
            total = s.total();
            trigger = TRIGGER_NAMES.getOrDefault(s.trigger(), s.trigger());
            JobStatus state = JobStatus.valueOf(s.status());
            active = JobStatus.ACTIVE.contains(state);
            restartable = state.resumable();
        }

        static Run of(AnalysisJobs.Status s) {
            return new Run(s);
        }

        private static String when(Instant t) {
            return t == null ? "" : WHEN.format(t);
        }

        public String getExecutionId() {
            return executionId;
        }

        public String getJob() {
            return job;
        }

        public String getStatus() {
            return status;
        }

        public String getStatusCode() {
            return statusCode;
        }

        public int getPercent() {
            return percent;
        }

        public String getStartedAt() {
            return startedAt;
        }

        public String getEndedAt() {
            return endedAt;
        }

        public int getRead() {
            return read;
        }

        public int getWritten() {
            return written;
        }

        public int getSkipped() {
            return skipped;
        }

        public int getTotal() {
            return total;
        }

        public String getTrigger() {
            return trigger;
        }

        public boolean isActive() {
            return active;
        }

        public boolean isStoppable() {
            return active && !"stopping".equals(statusCode);
        }

        public boolean isRestartable() {
            return restartable;
        }
    }
}
