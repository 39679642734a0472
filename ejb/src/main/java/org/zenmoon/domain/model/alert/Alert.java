package org.zenmoon.domain.model.alert;

import java.time.Instant;
import org.zenmoon.domain.model.child.ConcernsAChild;

/**
 * A stored alert: {@code kind} {@code sustained_stress} (the mean stress of the period against the child's own
 * threshold) or {@code device_anomaly} (the wearable's highest anomaly score against the configured threshold).
 */
public record Alert(
        String id,
        String childId,
        String kind,
        Instant startedAt,
        Instant endedAt,
        Instant raisedAt,
        double value,
        double threshold)
        implements ConcernsAChild {

    public static final String SUSTAINED_STRESS = "sustained_stress";
    public static final String DEVICE_ANOMALY = "device_anomaly";
}
