package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationContextTest {

    static RecommendationContext full() {
        return new RecommendationContext(
                0.73,
                0.0125,
                1.5,
                "night_owl",
                16,
                true,
                19,
                DayOfWeek.THURSDAY,
                14,
                Map.of("box_breathing", new Tally(4, 3, 1), "journaling", new Tally(2, 0, 1)),
                Map.of("mindfulness", "helps", "screen_free_evening", "insufficient_data"));
    }

    @Test
    void jsonRoundTripsExactly() {
        RecommendationContext x = full();
        assertThat(RecommendationContext.fromJson(x.toJson())).isEqualTo(x);
        assertThat(RecommendationContext.fromJson(x.toJson()).toJson()).isEqualTo(x.toJson());
    }

    @Test
    void unknownsStayNullThroughJson() {
        RecommendationContext x = new RecommendationContext(
                null, null, null, null, null, false, 8, DayOfWeek.SUNDAY, 9, Map.of(), Map.of());
        String json = x.toJson();
        assertThat(json).contains("\"stressLevel\":null").contains("\"chronotype\":null");
        RecommendationContext back = RecommendationContext.fromJson(json);
        assertThat(back).isEqualTo(x);
        assertThat(back.stressLevel()).isNull();
        assertThat(back.forecastPeakHour()).isNull();
    }

    @Test
    void invalidValuesAreRefusedAlsoFromJson() {
        assertThatThrownBy(() -> new RecommendationContext(
                        Double.NaN, null, null, null, null, false, 8, DayOfWeek.MONDAY, 9, Map.of(), Map.of()))
                .hasMessageContaining("stressLevel");
        assertThatThrownBy(() -> new RecommendationContext(
                        null, null, null, null, null, false, 24, DayOfWeek.MONDAY, 9, Map.of(), Map.of()))
                .hasMessageContaining("hourOfDay");
        assertThatThrownBy(() -> new RecommendationContext(
                        null, null, null, "owl", null, false, 8, DayOfWeek.MONDAY, 9, Map.of(), Map.of()))
                .hasMessageContaining("chronotype");
        assertThatThrownBy(() -> new RecommendationContext(
                        null, null, null, null, null, false, 8, DayOfWeek.MONDAY, 2, Map.of(), Map.of()))
                .hasMessageContaining("ageYears");
        String json = full().toJson().replace("\"hourOfDay\":19", "\"hourOfDay\":31");
        assertThatThrownBy(() -> RecommendationContext.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hourOfDay");
    }
}
