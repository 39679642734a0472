package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    static final InterventionCatalogue CATALOGUE = InterventionCatalogue.bundled();
    static final FeatureEncoder ENC = new FeatureEncoder(CATALOGUE);

    static float feature(float[] f, String name) {
        int i = ENC.featureNames().indexOf(name);
        assertThat(i).as(name).isNotNegative();
        return f[i];
    }

    static RecommendationContext context(
            Double stress, String chronotype, boolean exam, Double debt, int hour, Map<String, Tally> history) {
        return new RecommendationContext(
                stress,
                null,
                debt,
                chronotype,
                null,
                exam,
                hour,
                DayOfWeek.WEDNESDAY,
                12,
                history,
                Map.of("mindfulness", "helps", "screen_free_evening", "harms"));
    }

    @Test
    void namesAreUniqueAndMatchTheDimension() {
        assertThat(ENC.featureNames()).hasSize(ENC.dimension());
        assertThat(new HashSet<>(ENC.featureNames())).hasSize(ENC.dimension());
        assertThat(ENC.featureNames()).contains("item=box_breathing", "category=sleep_hygiene", "item_rate");
    }

    @Test
    void neverNaNOrInfiniteWhateverIsKnownOrUnknown() {
        SplittableRandom rng = new SplittableRandom(3);
        String[] chronotypes = {"early_bird", "intermediate", "night_owl", null};
        String[] verdicts = {"helps", "harms", "no_evidence", "insufficient_data"};
        for (int k = 0; k < 500; k++) {
            Map<String, Tally> history = Map.of(
                    CATALOGUE
                            .interventions()
                            .get(rng.nextInt(CATALOGUE.interventions().size()))
                            .id(),
                    new Tally(rng.nextInt(50), rng.nextInt(20), rng.nextInt(20)),
                    "retired_intervention",
                    new Tally(3, 1, 1));
            RecommendationContext x = new RecommendationContext(
                    rng.nextBoolean() ? null : rng.nextDouble(),
                    rng.nextBoolean() ? null : rng.nextDouble(-5, 5),
                    rng.nextBoolean() ? null : rng.nextDouble(-20, 20),
                    chronotypes[rng.nextInt(4)],
                    rng.nextBoolean() ? null : rng.nextInt(24),
                    rng.nextBoolean(),
                    rng.nextInt(24),
                    DayOfWeek.of(1 + rng.nextInt(7)),
                    3 + rng.nextInt(23),
                    history,
                    Map.of("mindfulness", verdicts[rng.nextInt(4)]));
            for (float[] row : ENC.encodeAll(x, CATALOGUE.interventions())) {
                assertThat(row).hasSize(ENC.dimension());
                for (float v : row) {
                    assertThat(Float.isFinite(v)).isTrue();
                    assertThat(v).isBetween(-1f, 1f);
                }
            }
        }
    }

    @Test
    void unknownInputsAreZeroWithTheirIndicator() {
        RecommendationContext x = new RecommendationContext(
                null, null, null, null, null, false, 10, DayOfWeek.MONDAY, 10, Map.of(), Map.of());
        Intervention box = CATALOGUE.byId("box_breathing").orElseThrow();
        float[] f = ENC.encode(x, box);
        assertThat(feature(f, "stress_x_calming")).isZero();
        assertThat(feature(f, "stress_unknown")).isEqualTo(1f);
        assertThat(feature(f, "sleep_debt_unknown")).isEqualTo(1f);
        assertThat(feature(f, "chronotype_unknown")).isEqualTo(1f);
        assertThat(feature(f, "forecast_unknown")).isEqualTo(1f);
        assertThat(feature(f, "item_rate")).isZero();
        assertThat(feature(f, "item_untried")).isEqualTo(1f);
        assertThat(feature(f, "item=box_breathing")).isEqualTo(1f);
        assertThat(feature(f, "category=breathing")).isEqualTo(1f);
        assertThat(feature(f, "item=body_scan")).isZero();
    }

    @Test
    void thisChildsAnswersPersonaliseTheItemAndItsCategory() {
        Map<String, Tally> history = Map.of("box_breathing", new Tally(4, 3, 1), "outdoor_play", new Tally(3, 0, 3));
        RecommendationContext x = context(0.8, "night_owl", true, 2.0, 18, history);
        float[] box = ENC.encode(x, CATALOGUE.byId("box_breathing").orElseThrow());
        float[] belly = ENC.encode(x, CATALOGUE.byId("belly_breathing").orElseThrow());
        float[] outdoor = ENC.encode(x, CATALOGUE.byId("outdoor_play").orElseThrow());
        float[] walk = ENC.encode(x, CATALOGUE.byId("walk_with_parent").orElseThrow());
        // (3 + 1) / (4 + 2) = 2/3, centred and doubled: 1/3
        assertThat(feature(box, "item_rate")).isCloseTo(1f / 3, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(feature(box, "item_untried")).isZero();
        assertThat(feature(belly, "item_rate")).isZero();
        assertThat(feature(belly, "category_rate"))
                .isEqualTo(feature(box, "category_rate"))
                .isPositive();
        assertThat(feature(outdoor, "item_rate")).isNegative();
        assertThat(feature(walk, "category_rate")).isNegative();
        assertThat(feature(walk, "category_votes")).isPositive();
    }

    @Test
    void contextInteractionsFireOnlyForTheirCategories() {
        RecommendationContext x = context(0.8, "night_owl", true, 2.0, 18, Map.of());
        float[] box = ENC.encode(x, CATALOGUE.byId("box_breathing").orElseThrow());
        float[] revision = ENC.encode(x, CATALOGUE.byId("split_revision").orElseThrow());
        float[] daylight = ENC.encode(x, CATALOGUE.byId("morning_daylight").orElseThrow());
        float[] reading = ENC.encode(x, CATALOGUE.byId("reading_before_bed").orElseThrow());
        float[] mindfulness = ENC.encode(x, CATALOGUE.byId("mindfulness").orElseThrow());
        float[] screenFree = ENC.encode(x, CATALOGUE.byId("screen_free_evening").orElseThrow());
        assertThat(feature(box, "stress_x_calming")).isCloseTo(0.8f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(feature(revision, "stress_x_calming")).isZero();
        assertThat(feature(revision, "exam_x_study")).isEqualTo(1f);
        assertThat(feature(box, "exam_x_calming")).isEqualTo(1f);
        assertThat(feature(box, "night_owl_x_late_slot")).isEqualTo(1f);
        assertThat(feature(daylight, "night_owl_x_morning_only")).isEqualTo(1f);
        assertThat(feature(reading, "sleep_debt_x_sleep_hygiene")).isEqualTo(1f);
        assertThat(feature(box, "sleep_debt_x_sleep_hygiene")).isZero();
        assertThat(feature(mindfulness, "causal_helps")).isEqualTo(1f);
        assertThat(feature(screenFree, "causal_harms")).isEqualTo(1f);
        assertThat(feature(box, "causal_helps")).isZero();
        assertThat(feature(box, "slot_now")).as("18:00 is evening").isEqualTo(1f);
        assertThat(feature(daylight, "slot_now")).isZero();
    }

    @Test
    void anInterventionFromAnotherCatalogueIsRefused() {
        Intervention stranger = new Intervention(
                "stranger",
                "breathing",
                java.util.Set.of(DaySlot.MORNING),
                6,
                17,
                5,
                List.of("t"),
                List.of(),
                new Evidence("n", "r"),
                null);
        RecommendationContext x = context(null, null, false, null, 9, Map.of());
        assertThatThrownBy(() -> ENC.encode(x, stranger)).hasMessageContaining("stranger");
    }
}
