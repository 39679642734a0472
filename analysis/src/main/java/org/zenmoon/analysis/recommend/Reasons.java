package org.zenmoon.analysis.recommend;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "why" of a recommendation for a parent: one to four short sentences, each restating something the context
 * holds (stress, an exam, sleep, the family's own answers, the child's own causal estimate, the timing), in the
 * order of how much they bear on the choice. Never a diagnosis, never a name: "your child".
 */
public final class Reasons {

    /** Stress of the last 24 h at or above this (0..1) is called high. */
    static final double HIGH_STRESS = 0.6;
    /** A rise of this much a day over the week is called rising. */
    static final double RISING = 0.02;
    /** Sleep debt worth mentioning, hours. */
    static final double SLEEP_DEBT = 0.5;

    private static final int MAX = 4;

    private Reasons() {}

    public static List<String> why(RecommendationContext x, Intervention a, String chronotype, LocalDateTime at) {
        List<String> out = new ArrayList<>();
        String category = a.category();
        boolean calming = category.equals("breathing") || category.equals("mindfulness");
        boolean easesStress = calming || category.equals("movement") || category.equals("outdoor");

        if (x.examSoon() && (category.equals("study") || calming)) {
            out.add("An exam or test is coming up in the next day or so.");
        }
        if (easesStress && x.stressLevel() != null && x.stressLevel() >= HIGH_STRESS) {
            out.add("Stress has been high over the last 24 hours.");
        } else if (easesStress && x.stressTrend() != null && x.stressTrend() >= RISING) {
            out.add("Stress has been rising over the past week.");
        }
        if ((category.equals("sleep_hygiene") || category.equals("screen"))
                && x.sleepDebtHours() != null
                && x.sleepDebtHours() >= SLEEP_DEBT) {
            out.add(String.format(
                    Locale.ROOT,
                    "Your child has slept about %s less than usual over the last three nights.",
                    hours(x.sleepDebtHours())));
        }
        Tally own = x.tally(a.id());
        if (own.helpful() > 0 && own.helpful() >= own.unhelpful()) {
            out.add(String.format(
                    Locale.ROOT,
                    "You found %s helpful %d of %d times.",
                    a.displayName(),
                    own.helpful(),
                    own.answered()));
        }
        if (a.causalType() != null && "helps".equals(x.causalVerdicts().get(a.causalType()))) {
            out.add("In your child's own data, days with " + a.displayName() + " were followed by lower stress.");
        }
        if (calming && x.forecastPeakHour() != null && at != null) {
            // Both measured in whole hours from the request: the peak is within the next 24 h, and so is `at`.
            int untilPeak = Math.floorMod(x.forecastPeakHour() - x.hourOfDay(), 24);
            int untilAt = Math.floorMod(at.getHour() - x.hourOfDay(), 24);
            if (untilAt < untilPeak) {
                out.add(String.format(
                        Locale.ROOT,
                        "Stress is forecast to peak around %02d:00; this is planned before then.",
                        x.forecastPeakHour()));
            }
        }
        if (at != null) {
            DaySlot slot = DaySlot.ofHour(at.getHour());
            if ("night_owl".equals(chronotype) && (slot == DaySlot.EVENING || slot == DaySlot.BEDTIME)) {
                out.add("Scheduled for the " + slotWord(slot) + " because your child is a night owl.");
            } else if ("early_bird".equals(chronotype) && slot == DaySlot.MORNING) {
                out.add("Scheduled for the morning because your child is an early bird.");
            }
        }
        if (out.isEmpty()) {
            out.add(
                    a.suitsAge(x.ageYears())
                            ? "It takes about " + a.durationMinutes() + " minutes and suits your child's age."
                            : "It takes about " + a.durationMinutes() + " minutes.");
        }
        return List.copyOf(out.subList(0, Math.min(MAX, out.size())));
    }

    private static String slotWord(DaySlot s) {
        return s == DaySlot.BEDTIME ? "run-up to bedtime" : s.label();
    }

    private static String hours(double h) {
        double halves = Math.round(h * 2) / 2.0;
        if (halves < 1) {
            return "half an hour";
        }
        if (halves == 1) {
            return "an hour";
        }
        return (halves == Math.rint(halves) ? Integer.toString((int) halves) : Double.toString(halves)) + " hours";
    }
}
