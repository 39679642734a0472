package org.zenmoon.batch.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.application.AnalysisJobs;
import org.zenmoon.application.RetentionPurge;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantRepository;

/**
 * Runs every tenant's analyses each night at {@code zenmoon.jobs.nightly-at} in the tenant's own time zone
 * ({@code off}: never): sleep detection, then the chronotype, the causal effects and the forecasts, each starting
 * when the one before has completed ({@link AnalysisJobs#NEXT_IN_PIPELINE}); beside them, on its own, the
 * {@code retention} job, which deletes what the tenant's retention period no longer keeps. The runs are started in
 * the name of the tenant's first active tenant admin, like any admin's run; a tenant without one is left out, with a
 * warning.
 */
@ApplicationScoped
public class NightlySchedule {

    /** How often the schedule looks; a tenant is due once, in the window that holds its start time. */
    static final Duration WINDOW = Duration.ofMinutes(15);

    private static final Logger LOG = Logger.getLogger(NightlySchedule.class.getName());

    @Inject
    TenantRepository tenants;

    @Inject
    TenantJobStart starter;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "zenmoon.jobs.nightly-at", defaultValue = "02:30")
    String nightlyAt;

    /** Called every quarter hour by {@link JobTimers}. */
    void look() {
        Optional<LocalTime> at = startTime(nightlyAt);
        if (at.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try {
            for (Tenant t : tenants.all()) {
                if (due(now, zone(t), at.get())) {
                    start(t);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the nightly jobs could not be started: {0}", e.toString());
        }
    }

    /** {@code HH:MM}, or empty for {@code off}. */
    static Optional<LocalTime> startTime(String setting) {
        if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.parse(setting.trim()));
    }

    /** Whether the tenant's start time falls in the window that began at the last quarter hour before {@code now}. */
    static boolean due(Instant now, ZoneId zone, LocalTime at) {
        LocalTime local = now.atZone(zone).toLocalTime().withSecond(0).withNano(0);
        LocalTime windowStart = local.withMinute(local.getMinute() - local.getMinute() % (int) WINDOW.toMinutes());
        LocalTime windowEnd = windowStart.plus(WINDOW);
        return windowEnd.isAfter(windowStart)
                ? !at.isBefore(windowStart) && at.isBefore(windowEnd)
                : !at.isBefore(windowStart); // the window that ends at midnight
    }

    private static ZoneId zone(Tenant t) {
        try {
            return ZoneId.of(t.getTimeZone());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private void start(Tenant t) {
        starter.start(t.getId(), AnalysisJobs.PIPELINE_START, "schedule");
        starter.start(t.getId(), RetentionPurge.JOB, "schedule");
    }
}
