package org.zenmoon.application;

import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * The answer to an upload, sent only after the batch is committed: how many items were new and how many were
 * stored already (a resent batch, or epochs another batch brought). {@code clockSkewFlagged}: the phone's clock
 * was off by more than {@code zenmoon.ingest.max-clock-skew-seconds}.
 */
public record UploadReceipt(String batchId, String childId, int accepted, int duplicates, boolean clockSkewFlagged)
        implements ConcernsAChild {}
