package org.zenmoon.analysis.chronotype;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which days are free of school: the weekend days plus holidays. As in the MCTQ, a night counts as a free night
 * when the day after it is free (Friday night before a Saturday is free; Sunday night before school is not).
 */
public record SchoolCalendar(Set<DayOfWeek> weekend, Set<LocalDate> holidays) {

    public SchoolCalendar {
        weekend = Set.copyOf(weekend);
        holidays = Set.copyOf(holidays);
    }

    /** Saturday and Sunday free, no holidays. */
    public static SchoolCalendar weekends() {
        return new SchoolCalendar(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of());
    }

    public SchoolCalendar withHolidays(Set<LocalDate> more) {
        Set<LocalDate> all = new java.util.HashSet<>(holidays);
        all.addAll(more);
        return new SchoolCalendar(weekend, all);
    }

    public boolean isFreeDay(LocalDate day) {
        return weekend.contains(day.getDayOfWeek()) || holidays.contains(day);
    }

    /** @param night the date of the evening the night starts */
    public boolean isFreeNight(LocalDate night) {
        return isFreeDay(night.plusDays(1));
    }
}
