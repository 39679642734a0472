package org.zenmoon.analysis.causal;

/**
 * One DoWhy-style refutation check. {@code effect} is the refuter's new estimate; {@code ciLow}/{@code ciHigh}
 * are its bootstrap interval where the refuter computes one (NaN otherwise).
 */
public record Refutation(String name, boolean passed, double effect, double ciLow, double ciHigh, String detail) {}
