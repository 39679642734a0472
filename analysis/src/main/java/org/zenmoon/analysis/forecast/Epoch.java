package org.zenmoon.analysis.forecast;

import java.time.Instant;

/** One minute epoch from the wearable: a stress score, or 1 = asleep / 0 = awake for sleep. */
public record Epoch(Instant t, double value) {}
