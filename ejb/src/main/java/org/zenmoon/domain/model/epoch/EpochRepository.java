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
}
