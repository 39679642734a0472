package org.zenmoon.analysis.recommend;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * When a recommendation is scheduled.
 *
 * <ol>
 *   <li><b>Slot.</b> Of the slots the intervention suits: a night owl gets the latest (bedtime, then evening), an
 *       early bird the earliest (morning), an intermediate or unknown chronotype the middle one (the earlier of
 *       the two middle ones when the count is even).
 *   <li><b>Time of the slot.</b> Morning 07:00 on school days (Monday to Friday), 08:30 at the weekend;
 *       afternoon 16:00 on school days, 14:00 at the weekend; evening 18:30; bedtime by age, 30 minutes before a
 *       typical lights-out: 19:30 up to 9 years, 20:15 for 10-12, 21:15 from 13.
 *   <li><b>Next occurrence.</b> The first such time strictly after {@code now}: today if it is still ahead,
 *       otherwise tomorrow (recomputed for tomorrow's weekday).
 *   <li><b>School hours.</b> A non-study intervention is never scheduled between 08:00 and 15:30 on a school day;
 *       the times above never fall there, and a time that did would move to 16:00 the same day.
 * </ol>
 */
public final class ChronotypeTiming {

    static final LocalTime SCHOOL_START = LocalTime.of(8, 0);
    static final LocalTime SCHOOL_END = LocalTime.of(15, 30);

    private ChronotypeTiming() {}

    public static LocalDateTime scheduledFor(Intervention a, String chronotype, int ageYears, LocalDateTime now) {
        DaySlot slot = slotFor(a, chronotype);
        LocalDate day = now.toLocalDate();
        LocalDateTime at = LocalDateTime.of(day, timeOf(slot, ageYears, day.getDayOfWeek()));
        if (!at.isAfter(now)) {
            LocalDate tomorrow = day.plusDays(1);
            at = LocalDateTime.of(tomorrow, timeOf(slot, ageYears, tomorrow.getDayOfWeek()));
        }
        if (!"study".equals(a.category()) && duringSchool(at)) {
            at = LocalDateTime.of(at.toLocalDate(), LocalTime.of(16, 0));
        }
        return at;
    }

    /** The slot the chronotype rule picks among the intervention's slots. */
    public static DaySlot slotFor(Intervention a, String chronotype) {
        List<DaySlot> slots = new ArrayList<>(a.slots()); // in day order
        if ("night_owl".equals(chronotype)) {
            return slots.get(slots.size() - 1);
        }
        if ("early_bird".equals(chronotype)) {
            return slots.get(0);
        }
        return slots.get((slots.size() - 1) / 2);
    }

    /** The clock time of a slot on a given weekday for a child of this age. */
    public static LocalTime timeOf(DaySlot slot, int ageYears, DayOfWeek weekday) {
        boolean schoolDay = isSchoolDay(weekday);
        return switch (slot) {
            case MORNING -> schoolDay ? LocalTime.of(7, 0) : LocalTime.of(8, 30);
            case AFTERNOON -> schoolDay ? LocalTime.of(16, 0) : LocalTime.of(14, 0);
            case EVENING -> LocalTime.of(18, 30);
            case BEDTIME -> bedtime(ageYears);
        };
    }

    /** Half an hour before a typical lights-out for the age. */
    public static LocalTime bedtime(int ageYears) {
        if (ageYears <= 9) {
            return LocalTime.of(19, 30);
        }
        if (ageYears <= 12) {
            return LocalTime.of(20, 15);
        }
        return LocalTime.of(21, 15);
    }

    static boolean isSchoolDay(DayOfWeek d) {
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    static boolean duringSchool(LocalDateTime at) {
        LocalTime t = at.toLocalTime();
        return isSchoolDay(at.getDayOfWeek()) && !t.isBefore(SCHOOL_START) && t.isBefore(SCHOOL_END);
    }
}
