package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterventionCatalogueTest {

    static final String ENTRY = """
            {"id": "%s", "category": "breathing", "slots": [%s], "minAge": 6, "maxAge": 17,
             "durationMinutes": 4, "templates": ["Breathe for {duration} minutes at {time}."],
             "cautions": [], "evidence": {"note": "n", "reference": "r"}}""";

    static String catalogue(String... entries) {
        return "{\"version\": \"test\", \"interventions\": [" + String.join(",", entries) + "]}";
    }

    static InterventionCatalogue parse(String json) {
        return InterventionCatalogue.parse(new StringReader(json), "test.json");
    }

    @Test
    void theBundledCatalogueHasTheCuratedInterventionsForChildrenSixToSeventeen() {
        InterventionCatalogue c = InterventionCatalogue.bundled();
        assertThat(c.version()).isEqualTo("2026-12-v1");
        assertThat(c.interventions()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(c.interventions())
                .extracting(Intervention::id)
                .contains(
                        "box_breathing",
                        "body_scan",
                        "outdoor_play",
                        "screens_off_earlier",
                        "consistent_wake_time",
                        "split_revision",
                        "talk_to_counsellor",
                        "mindfulness",
                        "screen_free_evening",
                        "journaling",
                        "stretching",
                        "walk_with_parent",
                        "reading_before_bed",
                        "morning_daylight");
        assertThat(c.byId("mindfulness").orElseThrow().causalType()).isEqualTo("mindfulness");
        assertThat(c.byId("screen_free_evening").orElseThrow().causalType()).isEqualTo("screen_free_evening");
        Set<String> categories = new HashSet<>();
        for (Intervention i : c.interventions()) {
            categories.add(i.category());
            assertThat(i.minAge()).isGreaterThanOrEqualTo(6);
            assertThat(i.maxAge()).isLessThanOrEqualTo(17);
            assertThat(i.templates()).hasSizeBetween(1, 3);
            assertThat(i.evidence().reference()).matches(".*(19|20)\\d\\d.*");
        }
        assertThat(categories).containsExactlyInAnyOrderElementsOf(Intervention.CATEGORIES);
        assertThat(c.suitableFor(6)).isNotEmpty().allMatch(i -> i.suitsAge(6));
        assertThat(c.suitableFor(17)).isNotEmpty().allMatch(i -> i.suitsAge(17));
        assertThat(c.interventions().stream()
                        .filter(i -> !i.cautions().isEmpty())
                        .count())
                .isGreaterThan(c.interventions().size() / 2);
    }

    @Test
    void templatesFillInTheDurationAndTheTime() {
        Intervention box = InterventionCatalogue.bundled().byId("box_breathing").orElseThrow();
        assertThat(box.text(0, LocalTime.of(19, 5))).contains("4 minutes").contains("19:05");
        assertThat(box.text(0, LocalTime.of(19, 5))).doesNotContain("{");
        assertThat(box.text(7, LocalTime.NOON))
                .isEqualTo(box.text(7 % box.templates().size(), LocalTime.NOON));
    }

    @Test
    void aGoodEntryParses() {
        InterventionCatalogue c = parse(catalogue(ENTRY.formatted("box", "\"morning\", \"bedtime\"")));
        assertThat(c.byId("box").orElseThrow().slots()).containsExactly(DaySlot.MORNING, DaySlot.BEDTIME);
    }

    @Test
    void errorsNameTheEntryAndTheField() {
        String good = ENTRY.formatted("a", "\"morning\"");
        assertThatThrownBy(() -> parse(catalogue(good, good, good, ENTRY.formatted("d", "\"noon\""))))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("test.json: interventions[1].id: 'a' already used by interventions[0]");
        assertThatThrownBy(() -> parse(catalogue(
                        ENTRY.formatted("a", "\"morning\""),
                        ENTRY.formatted("b", "\"morning\""),
                        ENTRY.formatted("c", "\"morning\""),
                        ENTRY.formatted("d", "\"noon\""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.json: interventions[3].slots: unknown slot 'noon'");
        assertThatThrownBy(() -> parse(catalogue(ENTRY.formatted("Box-Breathing", "\"morning\""))))
                .hasMessage("test.json: interventions[0].id: 'Box-Breathing' is not snake_case");
        assertThatThrownBy(() ->
                        parse(catalogue(ENTRY.formatted("a", "\"morning\"").replace("\"breathing\"", "\"yoga\""))))
                .hasMessage("test.json: interventions[0].category: unknown category 'yoga'");
        assertThatThrownBy(() -> parse(
                        catalogue(ENTRY.formatted("a", "\"morning\"").replace("\"minAge\": 6", "\"minAge\": \"six\""))))
                .hasMessage("test.json: interventions[0].minAge: must be a whole number");
        assertThatThrownBy(() -> parse(catalogue(
                        ENTRY.formatted("a", "\"morning\"").replace("\"reference\": \"r\"", "\"ref\": \"r\""))))
                .hasMessage("test.json: interventions[0].evidence.reference: missing");
        assertThatThrownBy(() ->
                        parse(catalogue(ENTRY.formatted("a", "\"morning\"").replace("\"cautions\"", "\"caution\""))))
                .hasMessage("test.json: interventions[0].caution: unknown field");
        assertThatThrownBy(() -> parse("{\"version\": \"x\"}")).hasMessage("test.json: interventions: missing");
        assertThatThrownBy(() -> parse("{\"version\": \"x\", \"interventions\": []} trailing"))
                .isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("test.json: ");
    }

    @Test
    void slotLabelsReadBackAndUnknownOnesAreEmpty() {
        for (DaySlot s : DaySlot.values()) {
            assertThat(DaySlot.ofLabel(s.label())).contains(s);
        }
        assertThat(DaySlot.ofLabel("noon")).isEmpty();
        assertThat(List.of(DaySlot.ofHour(6), DaySlot.ofHour(13), DaySlot.ofHour(18), DaySlot.ofHour(22)))
                .containsExactly(DaySlot.MORNING, DaySlot.AFTERNOON, DaySlot.EVENING, DaySlot.BEDTIME);
    }
}
