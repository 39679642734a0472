package org.zenmoon.domain.model.device;

import java.time.Instant;

/**
 * A batch a device uploaded, kept once per device and batch id: what makes a resent batch store nothing twice.
 * {@code phoneSentAt} is the phone's clock when it sent the batch, beside the server's {@code receivedAt}.
 */
public record UploadedBatch(
        String deviceId,
        String batchId,
        String childId,
        String channel,
        Instant receivedAt,
        Instant phoneSentAt,
        Integer clockSkewSeconds,
        boolean clockSkewFlagged,
        Instant firstT,
        Instant lastT,
        int items,
        int accepted,
        int duplicates) {}
