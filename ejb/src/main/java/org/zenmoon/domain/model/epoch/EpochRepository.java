package org.zenmoon.domain.model.epoch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.zenmoon.analysis.epoch.WearableEpoch;

/** A child's one-minute epochs, read in the shape the analysis engines take. */
public interface EpochRepository {

    /** The start of the child's latest epoch, if it has any. */
    Optional<Instant> latest(String childId);

    /** The child's epochs that start after {@code after}, in time order. */
    List<WearableEpoch> wearableEpochs(String childId, Instant after);

    /**
     * Makes the month partitions that minutes in {@code [from, to)} will go to, for every tenant; minutes of a month
     * without one go to the default partition until then, and move when it is made.
     *
     * @return how many partitions were made
     */
    int ensurePartitions(Instant from, Instant to);

    /**
     * Drops the month partitions whose every minute is older than every tenant's retention period (the database
     * decides, from the tenants' retention days; V12), and returns their names.
     */
    List<String> dropExpiredPartitions();
}
