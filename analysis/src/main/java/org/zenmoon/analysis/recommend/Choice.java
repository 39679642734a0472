package org.zenmoon.analysis.recommend;

/**
 * What the policy served.
 *
 * @param index      the position of the chosen intervention among the candidates
 * @param propensity the probability the policy gave it, to log with the decision
 * @param rank       its place in the model's ranking, 1 for the best
 */
public record Choice(String id, int index, double propensity, int rank) {}
