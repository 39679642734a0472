package org.zenmoon.analysis.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parents' answers as preference pairs for offline fine-tuning of a language model (DPO, or a reward model for
 * LoRA/RLHF, e.g. with TRL's {@code DPOTrainer}): within one child and one situation, the text of a recommendation
 * answered 👍 is preferred to the text of one answered 👎. The prompt describes the situation in plain words; it names
 * no child.
 */
public final class PreferencePairs {

    /** At most this many pairs per child and situation, so that one family does not dominate the data. */
    public static final int MAX_PER_GROUP = 5;

    private PreferencePairs() {}

    /** One answered recommendation. */
    public record Answered(String childId, RecommendationContext context, String text, boolean helpful) {}

    public record Pair(String prompt, String chosen, String rejected) {}

    public static List<Pair> of(List<Answered> answered) {
        Map<String, List<Answered>> groups = new LinkedHashMap<>();
        for (Answered a : answered) {
            groups.computeIfAbsent(a.childId() + "\n" + Situations.describe(a.context()), k -> new ArrayList<>())
                    .add(a);
        }
        List<Pair> pairs = new ArrayList<>();
        for (List<Answered> group : groups.values()) {
            List<Answered> liked = group.stream().filter(Answered::helpful).toList();
            List<Answered> disliked = group.stream().filter(a -> !a.helpful()).toList();
            int made = 0;
            for (int i = 0; i < Math.min(liked.size(), disliked.size()) && made < MAX_PER_GROUP; i++) {
                Answered good = liked.get(i);
                Answered bad = disliked.get(i);
                if (!good.text().equals(bad.text())) {
                    pairs.add(new Pair(prompt(good.context()), good.text(), bad.text()));
                    made++;
                }
            }
        }
        return pairs;
    }

    static String prompt(RecommendationContext x) {
        return "Suggest one short activity that a parent can do with their " + x.ageYears()
                + "-year-old child. Situation: " + Situations.describe(x) + ".";
    }
}
