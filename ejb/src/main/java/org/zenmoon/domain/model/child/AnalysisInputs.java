package org.zenmoon.domain.model.child;

import java.time.Instant;
import java.util.List;

/** What the analysis jobs read besides epochs, and the sleep episodes that detection stores, for the current tenant. */
public interface AnalysisInputs {

    /** The child's logged interventions that started in {@code [from, to)}, by start. */
    List<Logged> interventions(String childId, Instant from, Instant to);

    /** The starts of the school events of the child's cohort and of the child's own events in {@code [from, to)}. */
    List<Instant> schoolEvents(String childId, Instant from, Instant to);

    /** Replaces the detected episodes whose onset lies in the span with those found (device and reported stay). */
    void replaceDetectedSleep(DetectedSleep sleep);

    record Logged(String type, Instant start) {}
}
