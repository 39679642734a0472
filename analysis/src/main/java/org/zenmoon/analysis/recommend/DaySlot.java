package org.zenmoon.analysis.recommend;

import java.util.Locale;
import java.util.Optional;

/** The parts of a child's day an intervention can suit, in the order they come. */
public enum DaySlot {
    MORNING,
    AFTERNOON,
    EVENING,
    BEDTIME;

    /** {@code morning}, {@code afternoon}, {@code evening}, {@code bedtime}, as in the catalogue. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DaySlot> ofLabel(String label) {
        for (DaySlot s : values()) {
            if (s.label().equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The slot an hour of the day falls in: 05-11 morning, 12-16 afternoon, 17-19 evening, 20-04 bedtime (the
     * night counts as bedtime: anything offered then is for going to sleep).
     */
    public static DaySlot ofHour(int hour) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23: " + hour);
        }
        if (hour >= 5 && hour < 12) {
            return MORNING;
        }
        if (hour >= 12 && hour < 17) {
            return AFTERNOON;
        }
        if (hour >= 17 && hour < 20) {
            return EVENING;
        }
        return BEDTIME;
    }
}
