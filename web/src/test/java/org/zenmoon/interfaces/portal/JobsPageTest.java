package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.AnalysisJobs;

class JobsPageTest {

    static AnalysisJobs.Status status(String state, double progress, String trigger) {
        return new AnalysisJobs.Status(
                "42",
                "chronotype",
                state,
                progress,
                Instant.parse("2026-12-02T02:30:00Z"),
                state.equals("COMPLETED") ? Instant.parse("2026-12-02T02:31:05Z") : null,
                30,
                28,
                2,
                45,
                1,
                trigger,
                null,
                null);
    }

    @Test
    void aRunningRunShowsItsProgressInWordsAndCanBeStoppedNotRestarted() {
        JobsPage.Run r = JobsPage.Run.of(status("STARTED", 0.666, "schedule"));
        assertThat(r.getJob()).isEqualTo("Chronotypes");
        assertThat(r.getStatus()).isEqualTo("Running");
        assertThat(r.getPercent()).isEqualTo(67);
        assertThat(r.getTrigger()).isEqualTo("nightly schedule");
        assertThat(r.getStartedAt()).isEqualTo("2026-12-02 02:30:00 UTC");
        assertThat(r.getEndedAt()).isEmpty();
        assertThat(r.isActive()).isTrue();
        assertThat(r.isStoppable()).isTrue();
        assertThat(r.isRestartable()).isFalse();
    }

    @Test
    void aStoppingRunCannotBeAskedAgainAndAFailedOneRestarts() {
        JobsPage.Run stopping = JobsPage.Run.of(status("STOPPING", 0.5, "api"));
        assertThat(stopping.isActive()).isTrue();
        assertThat(stopping.isStoppable()).isFalse();
        JobsPage.Run failed = JobsPage.Run.of(status("FAILED", 0.5, "recovery"));
        assertThat(failed.getStatus()).isEqualTo("Failed");
        assertThat(failed.isActive()).isFalse();
        assertThat(failed.isRestartable()).isTrue();
        assertThat(failed.getTrigger()).isEqualTo("after a restart of the server");
    }

    @Test
    void progressOutsideZeroToOneOrNotANumberIsShownWithinZeroToAHundred() {
        assertThat(JobsPage.Run.of(status("STARTED", Double.NaN, "api")).getPercent())
                .isZero();
        assertThat(JobsPage.Run.of(status("STARTED", 1.7, "api")).getPercent()).isEqualTo(100);
        assertThat(JobsPage.Run.of(status("COMPLETED", 1.0, "api")).getPercent())
                .isEqualTo(100);
    }

    @Test
    void everyJobThisVersionRunsHasAName() {
        assertThat(JobsPage.JOB_NAMES.keySet()).containsExactlyInAnyOrderElementsOf(AnalysisJobs.AVAILABLE);
    }
}
