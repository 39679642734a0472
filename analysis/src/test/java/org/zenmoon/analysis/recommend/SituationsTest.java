package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SituationsTest {

    static RecommendationContext context(Double stress, Double trend, Double debt, boolean exam, int hour) {
        return new RecommendationContext(
                stress, trend, debt, "night_owl", null, exam, hour, DayOfWeek.TUESDAY, 11, Map.of(), Map.of());
    }

    @Test
    void aTenseEveningBeforeAnExamIsDescribedInPlainWords() {
        assertThat(Situations.describe(context(0.72, 0.05, 1.0, true, 19)))
                .isEqualTo("Tuesday evening, an exam or test coming up, stress high, stress rising over the week,"
                        + " short on sleep");
    }

    @Test
    void whatIsUnknownIsNotSaid() {
        assertThat(Situations.describe(context(null, null, null, false, 8))).isEqualTo("Tuesday morning");
        assertThat(Situations.describe(context(0.2, -0.01, 0.1, false, 14)))
                .isEqualTo("Tuesday afternoon, stress moderate or low");
    }
}
