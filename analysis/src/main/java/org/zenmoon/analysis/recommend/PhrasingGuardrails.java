package org.zenmoon.analysis.recommend;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a language model's rephrasing of a recommendation must respect before a parent sees it; anything else falls
 * back to the catalogue's template. The model may change the words, never the advice: the text keeps the chosen
 * intervention (and names no other one of the catalogue), keeps the time it was scheduled for, stays short, links
 * nowhere, and says nothing of diagnoses, conditions or medication.
 */
public final class PhrasingGuardrails {

    /** Longest rephrasing shown (a notification and a card, not an article). */
    public static final int MAX_LENGTH = 320;

    static final int MIN_LENGTH = 20;

    private static final Pattern MEDICAL = Pattern.compile(
            "\\b(diagnos\\w*|disorder\\w*|adhd|autis\\w*|depress\\w*|bipolar|syndrome\\w*|insomnia|patholog\\w*"
                    + "|medicat\\w*|medicine\\w*|pills?|tablets?|dos(e|es|age)|\\d+\\s?mg|prescri\\w*|melatonin|drugs?"
                    + "|supplements?|antidepress\\w*|stimulants?|sedat\\w*|cure\\w*|treat(ment)?s?)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern LINK =
            Pattern.compile("(https?://|www\\.|\\.(com|org|net)\\b)", Pattern.CASE_INSENSITIVE);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private PhrasingGuardrails() {}

    /**
     * Why the rephrasing may not be shown, or empty when it may.
     *
     * @param at the time the recommendation is scheduled for (the text must keep it when the template names it)
     */
    public static Optional<String> refusal(
            String rephrased, Intervention chosen, String template, LocalTime at, InterventionCatalogue catalogue) {
        if (rephrased == null || rephrased.isBlank()) {
            return Optional.of("empty");
        }
        String text = rephrased.strip();
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            return Optional.of("length " + text.length() + " outside " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return Optional.of("control characters");
        }
        if (LINK.matcher(text).find()) {
            return Optional.of("a link");
        }
        if (MEDICAL.matcher(text).find()) {
            return Optional.of("medical or diagnostic words");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!mentions(lower, chosen)) {
            return Optional.of("the intervention is not named");
        }
        for (Intervention other : catalogue.interventions()) {
            if (!other.id().equals(chosen.id())
                    && lower.contains(other.displayName().toLowerCase(Locale.ROOT))
                    && !chosen.displayName().toLowerCase(Locale.ROOT).contains(other.displayName())) {
                return Optional.of("another intervention is named");
            }
        }
        if (at != null && template.contains(CLOCK.format(at)) && !text.contains(CLOCK.format(at))) {
            return Optional.of("the time is not kept");
        }
        return Optional.empty();
    }

    /** Whether the text names the intervention: its name, or a distinctive word of it (four letters or more). */
    static boolean mentions(String lower, Intervention chosen) {
        String name = chosen.displayName().toLowerCase(Locale.ROOT);
        if (lower.contains(name)) {
            return true;
        }
        return Arrays.stream(name.split(" "))
                .filter(w -> w.length() >= 4 && !w.equals("with") && !w.equals("before") && !w.equals("after"))
                .anyMatch(w -> lower.contains(w.endsWith("ing") ? w : w.replaceAll("s$", "")));
    }
}
