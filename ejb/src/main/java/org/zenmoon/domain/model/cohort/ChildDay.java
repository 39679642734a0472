package org.zenmoon.domain.model.cohort;

import java.time.LocalDate;

/** One child's stress readings on one day (UTC): their sum and number. */
public record ChildDay(String childId, LocalDate day, double stressSum, long stressReadings) {}
