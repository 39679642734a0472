package org.zenmoon.domain.model.cohort;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A cohort's stress on one day (UTC): the mean over its children of each child's mean stress reading (0 to 1) that
 * day, so that every child weighs the same however long the device was worn.
 *
 * @param children the children with at least one stress reading that day
 */
public record DailyStress(LocalDate day, double meanStress, int children) implements Serializable {}
