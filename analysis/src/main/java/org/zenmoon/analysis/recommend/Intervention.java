package org.zenmoon.analysis.recommend;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One curated activity a parent can be offered.
 *
 * @param id              snake_case, unique in its catalogue
 * @param category        one of {@link #CATEGORIES}
 * @param slots           the parts of the day it suits
 * @param templates       parent-facing sentences; {@code {duration}} and {@code {time}} are filled in
 * @param causalType      the intervention type the causal-effects job estimates for it, or null
 */
public record Intervention(
        String id,
        String category,
        Set<DaySlot> slots,
        int minAge,
        int maxAge,
        int durationMinutes,
        List<String> templates,
        List<String> cautions,
        Evidence evidence,
        String causalType) {

    /** The categories, in the order the features list them. */
    public static final List<String> CATEGORIES = List.of(
            "breathing",
            "mindfulness",
            "movement",
            "outdoor",
            "sleep_hygiene",
            "screen",
            "study",
            "social",
            "creative");

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    public Intervention {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(evidence, "evidence");
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("unknown category '" + category + "'");
        }
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("an intervention needs at least one slot");
        }
        if (minAge > maxAge) {
            throw new IllegalArgumentException("minAge > maxAge");
        }
        if (durationMinutes <= 0) {
            throw new IllegalArgumentException("durationMinutes must be positive");
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("an intervention needs at least one template");
        }
        slots = Collections.unmodifiableSet(EnumSet.copyOf(slots));
        templates = List.copyOf(templates);
        cautions = List.copyOf(cautions);
    }

    public boolean suitsAge(int age) {
        return age >= minAge && age <= maxAge;
    }

    /** The template (index taken modulo their number) with {@code {duration}} and {@code {time}} filled in. */
    public String text(int templateIndex, LocalTime at) {
        String t = templates.get(Math.floorMod(templateIndex, templates.size()));
        return t.replace("{duration}", Integer.toString(durationMinutes))
                .replace("{time}", at == null ? "later today" : CLOCK.format(at));
    }

    /** The id in words ({@code box_breathing} → "box breathing"), for sentences. */
    public String displayName() {
        return id.replace('_', ' ');
    }

    /** The earliest slot it suits. */
    public DaySlot earliestSlot() {
        return slots.iterator().next();
    }

    /** The latest slot it suits. */
    public DaySlot latestSlot() {
        DaySlot last = null;
        for (DaySlot s : slots) {
            last = s;
        }
        return last;
    }
}
