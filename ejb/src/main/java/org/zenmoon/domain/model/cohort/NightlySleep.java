package org.zenmoon.domain.model.cohort;

import java.io.Serializable;
import java.time.LocalDate;

/** A cohort's mean hours asleep per child on one night (labelled by the evening's date). */
public record NightlySleep(LocalDate night, double meanSleepHours, int children) implements Serializable {}
