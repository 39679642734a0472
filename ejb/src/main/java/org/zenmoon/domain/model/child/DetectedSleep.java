package org.zenmoon.domain.model.child;

import java.time.Instant;
import java.util.List;

/**
 * The sleep episodes that detection found in a child's epochs of {@code [from, to)}: they replace the detected
 * episodes stored for that span, so that running detection again stores each episode once.
 */
public record DetectedSleep(String childId, Instant from, Instant to, List<Span> episodes) {

    public record Span(Instant onset, Instant wake) {}
}
