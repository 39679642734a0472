package org.zenmoon.analysis.recommend;

/** A rate and its 95% interval. */
public record Proportion(double rate, double low95, double high95) {}
