package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReasonsTest {

    static final InterventionCatalogue CAT = InterventionCatalogue.bundled();
    static final Intervention BOX = CAT.byId("box_breathing").orElseThrow();

    static RecommendationContext context(Double stress, boolean exam, Map<String, Tally> history) {
        return new RecommendationContext(
                stress, null, null, "night_owl", null, exam, 16, DayOfWeek.TUESDAY, 13, history, Map.of());
    }

    @Test
    void saysWhatTheContextHoldsInPlainWords() {
        RecommendationContext x = context(0.75, true, Map.of("box_breathing", new Tally(5, 3, 1)));
        LocalDateTime at = ChronotypeTiming.scheduledFor(BOX, "night_owl", 13, LocalDateTime.of(2026, 12, 8, 16, 0));
        List<String> why = Reasons.why(x, BOX, "night_owl", at);
        assertThat(why)
                .containsExactly(
                        "An exam or test is coming up in the next day or so.",
                        "Stress has been high over the last 24 hours.",
                        "You found box breathing helpful 3 of 4 times.",
                        "Scheduled for the run-up to bedtime because your child is a night owl.");
    }

    @Test
    void saysNothingTheContextDoesNotHold() {
        RecommendationContext calm = context(0.2, false, Map.of("box_breathing", new Tally(4, 1, 3)));
        LocalDateTime morning = LocalDateTime.of(2026, 12, 9, 7, 0);
        List<String> why = Reasons.why(calm, BOX, "night_owl", morning);
        assertThat(why).hasSize(1);
        assertThat(why.get(0)).isEqualTo("It takes about 4 minutes and suits your child's age.");
    }

    @Test
    void sleepDebtCausalVerdictAndForecastAreNamedForTheRightInterventions() {
        RecommendationContext x = new RecommendationContext(
                0.3,
                null,
                1.6,
                "early_bird",
                20,
                false,
                9,
                DayOfWeek.SATURDAY,
                10,
                Map.of(),
                Map.of("mindfulness", "helps"));
        Intervention reading = CAT.byId("reading_before_bed").orElseThrow();
        assertThat(Reasons.why(x, reading, "early_bird", LocalDateTime.of(2026, 12, 12, 20, 15)))
                .containsExactly("Your child has slept about 1.5 hours less than usual over the last three nights.");
        Intervention mindfulness = CAT.byId("mindfulness").orElseThrow();
        assertThat(Reasons.why(x, mindfulness, "early_bird", LocalDateTime.of(2026, 12, 12, 14, 0)))
                .containsExactly(
                        "In your child's own data, days with mindfulness were followed by lower stress.",
                        "Stress is forecast to peak around 20:00; this is planned before then.");
    }

    @Test
    void neverMoreThanFourNeverANameNeverADiagnosis() {
        RecommendationContext x = new RecommendationContext(
                0.9,
                0.05,
                2.0,
                "night_owl",
                22,
                true,
                17,
                DayOfWeek.MONDAY,
                14,
                Map.of("mindfulness", new Tally(3, 3, 0)),
                Map.of("mindfulness", "helps"));
        for (Intervention a : CAT.interventions()) {
            LocalDateTime at = ChronotypeTiming.scheduledFor(a, "night_owl", 14, LocalDateTime.of(2026, 12, 7, 17, 0));
            List<String> why = Reasons.why(x, a, "night_owl", at);
            assertThat(why).hasSizeBetween(1, 4);
            for (String s : why) {
                assertThat(s).doesNotContainPattern("(?i)diagnos|disorder|depress|adhd|anxiety|medic");
                assertThat(s).endsWith(".");
            }
        }
    }
}
