package org.zenmoon.domain.model.cohort;

import java.time.LocalDate;

/** One child's minutes scored asleep in one night, labelled by the date of its evening (noon to noon). */
public record ChildNight(String childId, LocalDate night, long asleepMinutes) {}
