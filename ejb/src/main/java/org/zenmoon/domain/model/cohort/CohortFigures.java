package org.zenmoon.domain.model.cohort;

import java.util.List;

/**
 * A cohort's figures from one pass over its analysed children's epochs: each child's trend (as
 * {@link CohortRepository#trends} gives it), and each child's days with stress readings and nights with sleep over
 * the last days, for the cohort's charts.
 *
 * @param days the analysed children's days with at least one stress reading
 * @param nights the analysed children's nights with at least one minute asleep
 */
public record CohortFigures(List<ChildTrend> trends, List<ChildDay> days, List<ChildNight> nights) {}
