package org.zenmoon.domain.model.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.epoch.EpochRecord;

/** Where uploads are written, in bulk and idempotently, in the bound tenant and the caller's transaction. */
public interface UploadRepository {

    /** A sleep episode as a device reports it. */
    record Episode(Instant onset, Instant wake, String source) {}

    /** An event a child's phone reports: an exam, a match. */
    record Event(String type, Instant start, Instant end, String source) {}

    /**
     * Locks the child's row against erasure until the transaction ends (what a foreign key would do per row).
     *
     * @return false when the child does not exist
     */
    boolean lockChild(String childId);

    /**
     * Records the batch as received, with its counts still zero. Only the first claim of a device's batch id
     * succeeds; a concurrent second one waits for the first to commit or roll back.
     *
     * @return false when the device sent this batch before
     */
    boolean claim(UploadedBatch batch);

    /** Sets the counts of a claimed batch. */
    void complete(String deviceId, String batchId, int accepted, int duplicates);

    Optional<UploadedBatch> find(String deviceId, String batchId);

    /** Inserts the epochs that are not stored yet (distinct minutes, in any order). @return those that were new */
    List<EpochRecord> insertEpochs(String childId, String deviceId, List<EpochRecord> epochs);

    /** @return how many were new */
    int insertEpisodes(String childId, List<Episode> episodes);

    /** @return how many were new */
    int insertEvents(String childId, List<Event> events);
}
