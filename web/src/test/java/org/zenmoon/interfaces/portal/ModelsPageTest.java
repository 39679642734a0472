package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.ModelReports;

class ModelsPageTest {

    static final PortalWords WORDS = new PortalWords(Locale.ENGLISH);
    static final Instant SINCE = Instant.parse("2026-12-01T08:30:00Z");

    static ModelReports.Arm control(long answered, long helpful, Double rate, Double low, Double high) {
        return new ModelReports.Arm(
                "control", "id-2", 2, answered + 3, answered, helpful, rate, low, high, null, null, null);
    }

    static ModelReports.Arm candidate(long answered, long helpful, Double rate, Double low, Double high) {
        return new ModelReports.Arm(
                "candidate", "id-3", 3, answered + 1, answered, helpful, rate, low, high, null, null, null);
    }

    static ModelReports.AbReport report(String state, List<ModelReports.Arm> arms, Double p) {
        return report(state, arms, p, List.of());
    }

    static ModelReports.AbReport report(
            String state, List<ModelReports.Arm> arms, Double p, List<ModelReports.Step> history) {
        return new ModelReports.AbReport(
                state,
                SINCE,
                arms,
                p,
                0.5,
                30,
                0.05,
                List.of(
                        new ModelReports.Version("id-3", 3, "candidate", SINCE, SINCE, 70, null),
                        new ModelReports.Version("id-2", 2, "active", SINCE, SINCE, 40, null)),
                history,
                10);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void withoutAModelOrATestThePageSaysSoInASentence() {
        assertThat(ModelsPage.stateSentence(report("no_model", List.of(), null), WORDS))
                .startsWith("There is no recommender model yet")
                .contains("No A/B test is running");
        ModelReports.AbReport noTest = report("no_test", List.of(control(12, 5, 0.4167, 0.19, 0.68)), null);
        assertThat(ModelsPage.stateSentence(noTest, WORDS))
                .isEqualTo("No A/B test is running: every recommendation comes from the active model, v2, active since"
                        + " 2026-12-01 08:30 UTC. A retrained version that does at least as well offline on held-out"
                        + " answers starts the next test.");
        assertThat(ModelsPage.verdict(noTest, WORDS)).isEmpty();
    }

    @Test
    void aRunningTestNamesBothVersionsAndTheCandidatesShare() {
        ModelReports.AbReport r =
                report("running", List.of(control(10, 4, 0.4, 0.17, 0.69), candidate(8, 6, 0.75, 0.41, 0.93)), 0.2);
        assertThat(ModelsPage.stateSentence(r, WORDS))
                .isEqualTo("A/B test running since 2026-12-01 08:30 UTC: the active model v2 (control) against the"
                        + " candidate v3, which serves 50% of the children (each child stays in one arm).");
    }

    @Test
    void thePageHoldsTheReportInWordsWithTheArmsCountedSinceTheTestBegan() {
        ModelsPage page = new ModelsPage();
        page.show(
                report("running", List.of(control(10, 4, 0.4, 0.17, 0.69), candidate(8, 6, 0.75, 0.41, 0.93)), 0.2),
                WORDS);
        assertThat(page.getState()).isEqualTo("running");
        assertThat(page.getArmsCaption())
                .isEqualTo("Each arm's answers to the recommendations it served since 2026-12-01 08:30 UTC.");
        assertThat(page.getArms()).extracting(ModelsPage.ArmRow::getArm).containsExactly("control", "candidate");
        assertThat(page.getVerdict()).startsWith("Not enough answers yet");
        assertThat(page.getArmChart()).contains("Candidate v3");
        assertThat(page.getVersions())
                .extracting(ModelsPage.VersionRow::getStatus)
                .containsExactly("Candidate (in A/B test)", "Active");
    }

    @Test
    void thePValueIsWordedByTheAnswersSoFarAndItsSide() {
        ModelReports.AbReport tooFew = report(
                "running", List.of(control(40, 10, 0.25, 0.14, 0.4), candidate(29, 20, 0.69, 0.51, 0.83)), 0.0004);
        assertThat(ModelsPage.verdict(tooFew, WORDS))
                .startsWith("Not enough answers yet to tell the arms apart: the test first decides when each arm has"
                        + " 30 answers (now 40 and 29).")
                .endsWith("p < 0.001.");
        ModelReports.AbReport higher = report(
                "running", List.of(control(40, 10, 0.25, 0.14, 0.4), candidate(35, 20, 0.57, 0.41, 0.72)), 0.0123);
        assertThat(ModelsPage.verdict(higher, WORDS))
                .startsWith("The candidate's 👍 rate is higher; p = 0.012, below the 0.05 level.");
        ModelReports.AbReport lower = report(
                "running", List.of(control(40, 25, 0.625, 0.47, 0.76), candidate(35, 12, 0.34, 0.21, 0.51)), 0.01);
        assertThat(ModelsPage.verdict(lower, WORDS))
                .startsWith("The candidate's 👍 rate is lower; p = 0.010, below the 0.05 level.");
        ModelReports.AbReport none =
                report("running", List.of(control(40, 20, 0.5, 0.35, 0.65), candidate(35, 19, 0.54, 0.38, 0.7)), 0.6);
        assertThat(ModelsPage.verdict(none, WORDS))
                .startsWith("No difference between the arms shown yet: p = 0.600, not below the 0.05 level.")
                .contains("test's limit");
    }

    @Test
    void eachArmShowsTheReportsRateAndWilsonBoundsInPercentAndAnArmWithoutAnswersSaysSo() {
        ModelsPage.ArmRow row = ModelsPage.ArmRow.of(control(40, 10, 0.25, 0.14183, 0.40249), WORDS);
        assertThat(row.getVersion()).isEqualTo("v2");
        assertThat(row.getModelVersion()).isEqualTo("id-2");
        assertThat(row.getExposures()).isEqualTo(40);
        assertThat(row.getServed()).isEqualTo(43);
        assertThat(row.getRate()).isEqualTo("25.0%");
        assertThat(row.getLow()).isEqualTo("14.2%");
        assertThat(row.getHigh()).isEqualTo("40.2%");
        ModelsPage.ArmRow empty = ModelsPage.ArmRow.of(candidate(0, 0, null, null, null), WORDS);
        assertThat(empty.isAnswered()).isFalse();
        assertThat(empty.getRate()).isEqualTo("no answers yet");
        assertThat(empty.getLow()).isEmpty();
    }

    @Test
    void theIntervalChartDrawsOnlyArmsWithAnswersFromTheReportsBounds() {
        JsonObject chart = json(ModelsPage.armChart(
                List.of(control(40, 10, 0.25, 0.125, 0.375), candidate(0, 0, null, null, null)), WORDS));
        var data = chart.getJsonObject("data");
        assertThat(data.getJsonArray("labels").getString(0)).isEqualTo("Active model (control) v2");
        assertThat(data.getJsonArray("labels")).hasSize(1);
        assertThat(data.getJsonArray("datasets")
                        .getJsonObject(0)
                        .getJsonArray("data")
                        .toString())
                .isEqualTo("[[12.5,37.5]]");
        assertThat(data.getJsonArray("datasets")
                        .getJsonObject(1)
                        .getJsonArray("data")
                        .toString())
                .isEqualTo("[25.0]");
        assertThat(chart.getJsonObject("options")
                        .getJsonObject("scales")
                        .getJsonObject("x")
                        .getInt("max"))
                .isEqualTo(100);
        assertThat(ModelsPage.armChart(List.of(candidate(0, 0, null, null, null)), WORDS))
                .isNull();
    }

    @Test
    void theHistoryListsPromotionsAndRollbacksWithTheirReasonsAndLeavesOutSkippedRetrainings() {
        JsonObject decided = json("{\"reason\":\"the candidate's 👍 rate is significantly higher\","
                + "\"control\":{\"answered\":40,\"helpful\":10},\"candidate\":{\"answered\":38,\"helpful\":25},"
                + "\"pValue\":0.00012}");
        List<ModelReports.Step> steps = List.of(
                new ModelReports.Step(
                        Instant.parse("2026-12-02T10:00:00Z"),
                        "skipped",
                        null,
                        json("{\"reason\":\"an A/B test of v3 is running: it decides first\"}")),
                new ModelReports.Step(Instant.parse("2026-12-02T09:00:00Z"), "promoted", "id-3", decided),
                new ModelReports.Step(
                        Instant.parse("2026-12-02T08:00:00Z"),
                        "ab_started",
                        "id-3",
                        json("{\"version\":3,\"against\":2,\"notWorse\":true,\"candidateShare\":0.5}")),
                new ModelReports.Step(
                        Instant.parse("2026-12-02T07:00:00Z"), "trained", "id-3", json("{\"heldOutRecords\":12}")));
        List<ModelsPage.StepRow> rows = ModelsPage.history(report("no_test", List.of(), null, steps), WORDS);
        assertThat(rows).extracting(ModelsPage.StepRow::getKind).containsExactly("promoted", "ab_started");
        ModelsPage.StepRow promoted = rows.get(0);
        assertThat(promoted.getWhen()).isEqualTo("2026-12-02 09:00 UTC");
        assertThat(promoted.getWhat()).isEqualTo("Promoted");
        assertThat(promoted.getVersion()).isEqualTo("v3");
        assertThat(promoted.getWhy())
                .isEqualTo("The candidate's 👍 rate is significantly higher: p < 0.001; candidate 25 of 38 answers 👍,"
                        + " control 10 of 40.");
        assertThat(rows.get(1).getWhy())
                .isEqualTo("At least as good offline as v2: the candidate serves 50% of the children.");
    }

    @Test
    void aVersionsOfflineEvaluationIsWordedFromItsMetricsAndAColdStartHasNone() {
        JsonObject metrics = json("{\"heldOutRecords\":21,\"againstVersion\":2,\"notWorse\":true,"
                + "\"candidate\":{\"n\":21,\"ips\":0.61,\"snips\":0.58,\"dr\":0.6234,\"drStdError\":0.05},"
                + "\"current\":{\"n\":21,\"ips\":0.2,\"snips\":0.21,\"dr\":0.25},"
                + "\"drDifference\":0.3734,\"differenceLow95\":0.2,\"differenceHigh95\":null}");
        assertThat(ModelsPage.VersionRow.offline(metrics, WORDS))
                .isEqualTo("On 21 held-out answers: DR 0.623 (± 0.050) against 0.250 for v2; IPS 0.610 against 0.200;"
                        + " SNIPS 0.580 against 0.210. DR difference 0.373 (95% interval 0.200 to not computable):"
                        + " not worse, so it was A/B tested.");
        assertThat(ModelsPage.VersionRow.offline(null, WORDS)).isEqualTo("None: not trained on answers.");
        ModelsPage.VersionRow row = ModelsPage.VersionRow.of(
                new ModelReports.Version("id-4", 4, "rejected", SINCE, SINCE, 70, null), WORDS);
        assertThat(row.getStatus()).isEqualTo("Rejected offline");
        assertThat(row.getVersion()).isEqualTo("v4");
    }
}
