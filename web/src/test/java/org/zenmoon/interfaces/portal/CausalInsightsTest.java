package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CausalInsightsTest {

    static JsonArray effects(String json) {
        return Json.createReader(new StringReader(json)).readArray();
    }

    static final String CHECKS_PASSED =
            "\"refutations\":[{\"name\":\"placebo_treatment\",\"passed\":true,\"detail\":\"\"},"
                    + "{\"name\":\"random_common_cause\",\"passed\":true,\"detail\":\"\"}]";

    @Test
    void anEffectThatHelpsReadsAsAPlainSentenceWithItsIntervalAndChecks() {
        CausalInsights.Insight i = CausalInsights.of(effects("[{\"intervention\":\"mindfulness_session\","
                        + "\"outcome\":\"evening_stress\",\"verdict\":\"helps\",\"effect\":-0.08,\"ciLow\":-0.13,"
                        + "\"ciHigh\":-0.03,\"n\":28," + CHECKS_PASSED + "}]"))
                .get(0);
        assertThat(i.getLabel()).isEqualTo("Mindfulness session → evening stress");
        assertThat(i.getSentence())
                .isEqualTo("Mindfulness session lowered evening stress by 0.08 (95% CI -0.13 to -0.03, 28 days).");
        assertThat(i.getChecks()).isEqualTo("The 2 checks passed.");
    }

    @Test
    void anIntervalThatExcludesZeroButFailedACheckIsNotCalledIntervalIncludesNoChange() {
        CausalInsights.Insight i = CausalInsights.of(
                        effects(
                                "[{\"intervention\":\"mindfulness\","
                                        + "\"outcome\":\"evening_stress\",\"verdict\":\"no_evidence\",\"effect\":-0.03,\"ciLow\":-0.06,"
                                        + "\"ciHigh\":-0.01,\"n\":1042,\"refutations\":[{\"name\":\"placebo_treatment\",\"passed\":false}]}]"))
                .get(0);
        assertThat(i.getSentence())
                .doesNotContain("includes no change")
                .endsWith("but a refutation check failed, so it may not be a real effect.");
    }

    @Test
    void smallStressEffectsKeepThreeSignificantFiguresAndACohortCountsChildDays() {
        CausalInsights.Insight i = CausalInsights.of(effects("[{\"intervention\":\"mindfulness\","
                        + "\"outcome\":\"evening_stress\",\"design\":\"cohort_fixed_effects\",\"verdict\":\"helps\","
                        + "\"effect\":-0.00337,\"ciLow\":-0.00644,\"ciHigh\":-0.00066,\"n\":1042," + CHECKS_PASSED
                        + "}]"))
                .get(0);
        assertThat(i.getSentence())
                .isEqualTo(
                        "Mindfulness lowered evening stress by 0.00337 (95% CI -0.00644 to -0.00066, 1042 child-days).");
    }

    @Test
    void sleepIsInHoursAndAFailedCheckIsNamed() {
        CausalInsights.Insight i = CausalInsights.of(
                        effects("[{\"intervention\":\"screens_off_early\",\"outcome\":\"sleep\","
                                + "\"verdict\":\"helps\",\"effect\":0.4,\"ciLow\":0.1,\"ciHigh\":0.7,\"n\":40,\"refutations\":["
                                + "{\"name\":\"placebo_treatment\",\"passed\":false,\"detail\":\"\"},"
                                + "{\"name\":\"data_subset\",\"passed\":true,\"detail\":\"\"}]}]"))
                .get(0);
        assertThat(i.getSentence())
                .startsWith("Screens off early lengthened sleep by 0.4 h (95% CI 0.1 to 0.7 h, 40 days");
        assertThat(i.getChecks())
                .isEqualTo("1 of 2 checks failed (placebo treatment): treat this estimate with caution.");
    }

    @Test
    void noEvidenceSaysTheIntervalIncludesNoChangeAndInsufficientDataDrawsNothing() {
        List<CausalInsights.Insight> all = CausalInsights.of(effects("[{\"intervention\":\"outdoor_play\","
                + "\"outcome\":\"evening_stress\",\"verdict\":\"no_evidence\",\"effect\":0.01,\"ciLow\":-0.05,"
                + "\"ciHigh\":0.07,\"n\":30," + CHECKS_PASSED + "},"
                + "{\"intervention\":\"box_breathing\",\"outcome\":\"sleep\",\"verdict\":\"insufficient_data\","
                + "\"reason\":\"both arms need rows\",\"effect\":null,\"ciLow\":null,\"ciHigh\":null,\"n\":0,"
                + "\"refutations\":[]}]"));
        assertThat(all.get(0).getSentence())
                .contains("No clear effect of outdoor play on evening stress")
                .endsWith("and the interval includes no change.");
        assertThat(all.get(1).getSentence())
                .isEqualTo("Insufficient data for box breathing and sleep: too few days with the intervention, or too"
                        + " few without it.");
        assertThat(all.get(1).getVerdict()).isEqualTo("insufficient_data");
        JsonObject plot = Json.createReader(new StringReader(CausalInsights.forestPlot(all)))
                .readObject();
        assertThat(plot.getJsonObject("data").getJsonArray("labels")).hasSize(1);
        assertThat(plot.getJsonObject("data")
                        .getJsonArray("datasets")
                        .getJsonObject(0)
                        .getJsonArray("data")
                        .getJsonArray(0)
                        .toString())
                .isEqualTo("[-0.05,0.07]");
        assertThat(CausalInsights.forestPlot(all.subList(1, 2))).isNull();
    }
}
