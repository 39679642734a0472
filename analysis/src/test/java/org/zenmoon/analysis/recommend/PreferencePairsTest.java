package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferencePairsTest {

    static RecommendationContext at(int hour, boolean exam) {
        return new RecommendationContext(
                0.7, null, null, "night_owl", null, exam, hour, DayOfWeek.MONDAY, 10, Map.of(), Map.of());
    }

    @Test
    void aLikedTextIsPreferredToADislikedOneOfTheSameChildAndSituation() {
        List<PreferencePairs.Pair> pairs = PreferencePairs.of(List.of(
                new PreferencePairs.Answered("c1", at(19, true), "Box breathing at 19:30.", true),
                new PreferencePairs.Answered("c1", at(19, true), "Outdoor play at 16:00.", false),
                // Another situation of the same child, and another child: no pair across them.
                new PreferencePairs.Answered("c1", at(8, false), "Morning daylight at 07:30.", false),
                new PreferencePairs.Answered("c2", at(19, true), "Journaling at 19:00.", false)));
        assertThat(pairs).hasSize(1);
        PreferencePairs.Pair p = pairs.get(0);
        assertThat(p.chosen()).isEqualTo("Box breathing at 19:30.");
        assertThat(p.rejected()).isEqualTo("Outdoor play at 16:00.");
        assertThat(p.prompt())
                .isEqualTo("Suggest one short activity that a parent can do with their 10-year-old child. Situation:"
                        + " Monday evening, an exam or test coming up, stress high.");
        assertThat(p.prompt()).doesNotContain("c1");
    }
}
