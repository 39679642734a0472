package org.zenmoon.analysis.chronotype;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one respondent of a standard MCTQ form (ropensci/mctq {@code std_mctq} columns, raw or tidied) into
 * {@link MctqAnswers}. Nothing is guessed: an answer that cannot be read is a <em>problem</em>, and every
 * quantity that needs it comes out undefined; an answer that is unambiguous but not in the canonical form is
 * read and recorded as a <em>note</em>. Accepted forms are listed in docs/analyses/sleep-chronotype.md.
 */
public final class MctqForm {

    /** The questionnaire items, by their raw std_mctq header and their tidied mctq name. */
    public enum Item {
        ID("ID", "id"),
        WORK("WORK REGULAR", "work"),
        WD("WORK DAYS", "wd"),
        BT_W("W BEDTIME", "bt_w"),
        SPREP_W("W SLEEP PREP", "sprep_w"),
        SLAT_W("W SLEEP LAT", "slat_w"),
        SE_W("W SLEEP END", "se_w"),
        SI_W("W SLEEP INERTIA", "si_w"),
        ALARM_W("W ALARM", "alarm_w"),
        WAKE_BEFORE_W("W WAKE BEFORE ALARM", "wake_before_w"),
        LE_W("W LIGHT EXPOSURE", "le_w"),
        BT_F("F BEDTIME", "bt_f"),
        SPREP_F("F SLEEP PREP", "sprep_f"),
        SLAT_F("F SLEEP LAT", "slat_f"),
        SE_F("F SLEEP END", "se_f"),
        SI_F("F SLEEP INERTIA", "si_f"),
        ALARM_F("F ALARM", "alarm_f"),
        REASONS_F("F REASONS", "reasons_f"),
        REASONS_WHY_F("F REASONS WHY", "reasons_why_f"),
        LE_F("F LIGHT EXPOSURE", "le_f");

        public final String rawHeader;
        public final String tidyName;

        Item(String rawHeader, String tidyName) {
            this.rawHeader = rawHeader;
            this.tidyName = tidyName;
        }

        /** The value of this item in a row keyed by either header style; null when the column is absent. */
        String in(Map<String, String> row) {
            String v = row.containsKey(rawHeader) ? row.get(rawHeader) : row.get(tidyName);
            return v == null ? null : v.trim();
        }
    }

    /** A problem or a note about one answer ({@code item} null for the row as a whole). */
    public record Finding(Item item, String value, String message) {

        public String column() {
            return item == null ? null : item.rawHeader;
        }
    }

    /** The answers read from one row, with what could not be read and what was normalised. */
    public record Reading(String id, MctqAnswers answers, List<Finding> problems, List<Finding> notes) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final Pattern HHMM = Pattern.compile("([+-]?\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern DIGITS4 = Pattern.compile("(\\d{2})(\\d{2})");
    private static final Pattern TWELVE = Pattern.compile("(\\d{1,2}):?(\\d{2})\\s*([AaPp][Mm])");
    private static final double MAX_LATENCY = 360;

    private MctqForm() {}

    public static Reading read(Map<String, String> row) {
        return new Reader(row).read();
    }

    private static final class Reader {
        final Map<String, String> row;
        final List<Finding> problems = new ArrayList<>();
        final List<Finding> notes = new ArrayList<>();

        Reader(Map<String, String> row) {
            this.row = row;
        }

        Reading read() {
            String id = value(Item.ID);
            Set<String> distinct = new HashSet<>();
            for (Item i : Item.values()) {
                if (i != Item.ID) {
                    distinct.add(value(i) == null ? "" : value(i));
                }
            }
            if (distinct.size() <= 2 && (distinct.contains("") || distinct.size() == 1)) {
                String what = distinct.stream()
                        .filter(s -> !s.isEmpty())
                        .findFirst()
                        .map(s -> "'" + s + "'")
                        .orElse("blank");
                problems.add(new Finding(null, null, "every answer is " + what + ": not a filled-in questionnaire"));
                return new Reading(id, new MctqAnswers(null, null, null), problems, notes);
            }
            Boolean work = bool(Item.WORK);
            Integer wd = workDays();
            bool(Item.REASONS_F);
            bool(Item.WAKE_BEFORE_W);
            duration(Item.SI_W);
            duration(Item.SI_F);
            lightExposure(Item.LE_W);
            lightExposure(Item.LE_F);
            if (wd == null && Boolean.FALSE.equals(work) && blank(Item.WD)) {
                wd = 0;
                notes.add(
                        new Finding(Item.WD, "", "no regular work or school and no work days given: WD = 0 (as mctq)"));
            }
            MctqAnswers.Section w = section(
                    "workday", Item.BT_W, Item.SPREP_W, Item.SLAT_W, Item.SE_W, Item.ALARM_W, wd == null || wd > 0);
            MctqAnswers.Section f = section(
                    "free-day", Item.BT_F, Item.SPREP_F, Item.SLAT_F, Item.SE_F, Item.ALARM_F, wd == null || wd < 7);
            return new Reading(id, new MctqAnswers(wd, w, f), List.copyOf(problems), List.copyOf(notes));
        }

        String value(Item i) {
            String v = i.in(row);
            return v == null || v.isEmpty() || v.equals("NA") ? null : v;
        }

        boolean blank(Item i) {
            return value(i) == null;
        }

        Boolean bool(Item i) {
            String v = value(i);
            if (v == null) {
                return null;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "yes":
                    return true;
                case "no":
                    return false;
                case "true":
                case "false":
                    if (!v.equals("TRUE") && !v.equals("FALSE")) {
                        notes.add(new Finding(
                                i, v, "read '" + v + "' as " + (v.equalsIgnoreCase("true") ? "Yes" : "No")));
                    }
                    return v.equalsIgnoreCase("true");
                default:
                    problems.add(new Finding(i, v, "'" + v + "' is not Yes or No"));
                    return null;
            }
        }

        Integer workDays() {
            String v = value(Item.WD);
            if (v == null) {
                return null;
            }
            try {
                int d = Integer.parseInt(v);
                if (d >= 0 && d <= 7) {
                    return d;
                }
                problems.add(new Finding(Item.WD, v, v + " work days a week is outside 0-7"));
            } catch (NumberFormatException e) {
                problems.add(new Finding(Item.WD, v, "'" + v + "' is not a whole number of days"));
            }
            return null;
        }

        /** A clock time: HH:MM[:SS] 0-23:59 (24:00 read as 00:00), HHMM, or 12-hour h:mm AM/PM and hhmm AM/PM. */
        Double clock(Item i) {
            String v = value(i);
            if (v == null) {
                return null;
            }
            Matcher m = HHMM.matcher(v);
            if (m.matches()) {
                int h = Integer.parseInt(m.group(1));
                int min = Integer.parseInt(m.group(2));
                int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                if (h == 24 && min == 0 && s == 0) {
                    notes.add(new Finding(i, v, "read 24:00 as 00:00"));
                    return 0.0;
                }
                if (h < 0 || h > 23 || min > 59 || s > 59) {
                    problems.add(new Finding(i, v, "'" + v + "' is not a time of day (00:00-23:59)"));
                    return null;
                }
                return h * 60 + min + s / 60.0;
            }
            m = TWELVE.matcher(v);
            if (m.matches()) {
                int h = Integer.parseInt(m.group(1));
                int min = Integer.parseInt(m.group(2));
                if (h < 1 || h > 12 || min > 59) {
                    problems.add(new Finding(i, v, "'" + v + "' is not a 12-hour time"));
                    return null;
                }
                boolean pm = m.group(3).equalsIgnoreCase("pm");
                int h24 = h % 12 + (pm ? 12 : 0);
                double t = h24 * 60 + min;
                notes.add(new Finding(
                        i,
                        v,
                        "read 12-hour '" + v + "' as " + ClockMinutes.format(t).substring(0, 5)));
                return t;
            }
            m = DIGITS4.matcher(v);
            if (m.matches()) {
                int h = Integer.parseInt(m.group(1));
                int min = Integer.parseInt(m.group(2));
                if (h > 23 || min > 59) {
                    problems.add(new Finding(i, v, "'" + v + "' is not a time of day (00:00-23:59)"));
                    return null;
                }
                double t = h * 60 + min;
                notes.add(new Finding(
                        i, v, "read '" + v + "' as " + ClockMinutes.format(t).substring(0, 5)));
                return t;
            }
            problems.add(new Finding(i, v, "'" + v + "' is not a time of day (HH:MM)"));
            return null;
        }

        /** Minutes (a whole number, 0-360), or HH:MM read as hours and minutes. */
        Double duration(Item i) {
            String v = value(i);
            if (v == null) {
                return null;
            }
            double minutes;
            if (v.matches("\\d{1,3}")) {
                minutes = Integer.parseInt(v);
            } else {
                Matcher m = HHMM.matcher(v);
                if (!m.matches() || v.startsWith("-") || v.startsWith("+")) {
                    problems.add(new Finding(i, v, "'" + v + "' is not a number of minutes"));
                    return null;
                }
                minutes = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
                notes.add(new Finding(i, v, "read duration '" + v + "' as " + (int) minutes + " minutes"));
            }
            if (minutes > MAX_LATENCY) {
                problems.add(new Finding(i, v, v + " minutes is longer than 6 hours"));
                return null;
            }
            return minutes;
        }

        /** Time outdoors: HH:MM between 0 and 24 h, or HHMM. A bare number is ambiguous (hours? minutes?). */
        void lightExposure(Item i) {
            String v = value(i);
            if (v == null) {
                return;
            }
            Matcher m = HHMM.matcher(v);
            Matcher d4 = DIGITS4.matcher(v);
            if (m.matches() && !v.startsWith("-") && !v.startsWith("+")) {
                int h = Integer.parseInt(m.group(1));
                int min = Integer.parseInt(m.group(2));
                if (h * 60 + min > 1440 || min > 59) {
                    problems.add(new Finding(i, v, "'" + v + "' is more than 24 hours"));
                }
            } else if (d4.matches()) {
                notes.add(new Finding(i, v, "read '" + v + "' as " + d4.group(1) + ":" + d4.group(2)));
            } else if (v.startsWith("-")) {
                problems.add(new Finding(i, v, "'" + v + "' is a negative duration"));
            } else {
                problems.add(new Finding(i, v, "'" + v + "' is ambiguous (hours or minutes?): expected HH:MM"));
            }
        }

        MctqAnswers.Section section(String name, Item bt, Item sprep, Item slat, Item se, Item alarm, boolean needed) {
            Double bedtime = clock(bt);
            Double prep = clock(sprep);
            Double latency = duration(slat);
            Double end = clock(se);
            Boolean alarmUsed = bool(alarm);
            boolean anyAnswer = value(bt) != null || value(sprep) != null || value(slat) != null || value(se) != null;
            boolean unread = problems.stream().anyMatch(p -> p.item() == sprep || p.item() == slat || p.item() == se);
            if (prep == null || latency == null || end == null) {
                if (!unread && (needed || anyAnswer)) {
                    problems.add(new Finding(
                            null,
                            null,
                            "the " + name + " answers needed for sleep onset and end are "
                                    + (anyAnswer ? "incomplete" : "missing")));
                }
                return new MctqAnswers.Section(null, null, null, alarmUsed);
            }
            if (bedtime != null && ClockMinutes.forward(bedtime, prep) > 720) {
                problems.add(new Finding(
                        sprep,
                        value(sprep),
                        "sleep preparation " + value(sprep) + " is before bedtime " + value(bt)
                                + " (answers swapped?); " + name + " quantities left undefined"));
                return new MctqAnswers.Section(null, null, null, alarmUsed);
            }
            double duration = ClockMinutes.forward(prep + latency, end);
            if (duration < 120 || duration > 1080) {
                problems.add(new Finding(
                        se,
                        value(se),
                        name + " sleep of " + ClockMinutes.format(duration).substring(0, 5)
                                + " (onset "
                                + ClockMinutes.format(prep + latency).substring(0, 5) + ", end " + value(se)
                                + ") is outside 2-18 h; " + name + " quantities left undefined"));
                return new MctqAnswers.Section(null, null, null, alarmUsed);
            }
            return new MctqAnswers.Section(prep, latency, end, alarmUsed);
        }
    }
}
