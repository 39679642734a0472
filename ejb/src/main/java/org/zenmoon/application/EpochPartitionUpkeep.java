package org.zenmoon.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.domain.model.epoch.EpochRepository;

/**
 * Makes the epoch table's month partitions ahead of need: at start and every night, from a month back to three months
 * ahead. Uploads never wait for it: a minute of a month without its partition goes to the default partition and
 * moves when the month is made (V1, V3). Nobody calls it; it reads and writes no child's data.
 */
@Singleton
@Startup
public class EpochPartitionUpkeep {

    private static final Logger LOG = Logger.getLogger(EpochPartitionUpkeep.class.getName());

    /** The months made cover from this long before now ... */
    public static final Duration BEHIND = Duration.ofDays(31);

    /** ... to this long after it. */
    public static final Duration AHEAD = Duration.ofDays(93);

    @Inject
    EpochRepository epochs;

    @Inject
    Clock clock;

    @PostConstruct
    void atStart() {
        ensure();
    }

    @Schedule(hour = "2", minute = "17", persistent = false)
    void nightly() {
        ensure();
    }

    private void ensure() {
        Instant now = clock.instant();
        try {
            int made = epochs.ensurePartitions(now.minus(BEHIND), now.plus(AHEAD));
            if (made > 0) {
                LOG.info(() -> "made " + made + " month partitions of epoch");
            }
        } catch (RuntimeException e) {
            // A database that is not reachable or not migrated yet: readiness says so; the next night tries again.
            LOG.log(
                    Level.WARNING,
                    "epoch partitions could not be made ahead: {0}",
                    e.getClass().getName());
        }
    }
}
