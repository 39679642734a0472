package org.zenmoon.analysis.recommend;

import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A child's situation at a recommendation, in a few plain words (the text that is embedded for context retrieval,
 * and quoted back to parents): the part of the week and day, an exam coming up, stress and its trend, sleep debt.
 * Only what the context knows; the thresholds are the ones {@link Reasons} speaks by.
 */
public final class Situations {

    private Situations() {}

    public static String describe(RecommendationContext x) {
        List<String> parts = new ArrayList<>();
        parts.add(x.weekday().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                + DaySlot.ofHour(x.hourOfDay()).label());
        if (x.examSoon()) {
            parts.add("an exam or test coming up");
        }
        if (x.stressLevel() != null) {
            parts.add(x.stressLevel() >= Reasons.HIGH_STRESS ? "stress high" : "stress moderate or low");
        }
        if (x.stressTrend() != null && x.stressTrend() >= Reasons.RISING) {
            parts.add("stress rising over the week");
        }
        if (x.sleepDebtHours() != null && x.sleepDebtHours() >= Reasons.SLEEP_DEBT) {
            parts.add("short on sleep");
        }
        return String.join(", ", parts);
    }

    /**
     * The reason quoted to parents when a similar past situation of the child got a 👍 for the same intervention.
     */
    public static String rememberedReason(Intervention a, String pastSituation) {
        return "Last time in a similar situation (" + pastSituation + "), you found " + a.displayName() + " helpful.";
    }
}
