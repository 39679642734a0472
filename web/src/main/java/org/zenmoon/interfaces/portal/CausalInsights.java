package org.zenmoon.interfaces.portal;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The causal-effects job's results (API.md's {@code /causal-effects}) as people read them: each intervention's effect
 * on an outcome in one sentence with its 95% interval, whether the refutation checks passed, and a forest plot of
 * the estimates with their intervals. Too little data says so, with the reason, and draws nothing.
 */
final class CausalInsights {

    private CausalInsights() {}

    /** One estimate in words; a class with getters for Expression Language, kept in the view. */
    public static final class Insight implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String label;
        private final String verdict;
        private final String sentence;
        private final String checks;
        private final Double effect;
        private final Double ciLow;
        private final Double ciHigh;

        Insight(String label, String verdict, String sentence, String checks, Double effect, Double low, Double high) {
            this.label = label;
            this.verdict = verdict;
            this.sentence = sentence;
            this.checks = checks;
            this.effect = effect;
            this.ciLow = low;
            this.ciHigh = high;
        }

        public String getLabel() {
            return label;
        }

        public String getVerdict() {
            return verdict;
        }

        public String getSentence() {
            return sentence;
        }

        public String getChecks() {
            return checks;
        }

        boolean drawable() {
            return effect != null && ciLow != null && ciHigh != null;
        }
    }

    static List<Insight> of(JsonArray effects) {
        List<Insight> insights = new ArrayList<>();
        for (JsonValue v : effects) {
            if (v instanceof JsonObject e) {
                insights.add(insight(e));
            }
        }
        return insights;
    }

    static Insight insight(JsonObject e) {
        String intervention = ChildPage.words(e.getString("intervention", ""));
        String outcome = e.getString("outcome", "");
        boolean sleep = outcome.equals("sleep");
        String outcomeWords = sleep ? "sleep" : "evening stress";
        String verdict = e.getString("verdict", "insufficient_data");
        Double effect = number(e, "effect");
        Double low = number(e, "ciLow");
        Double high = number(e, "ciHigh");
        int n = e.getInt("n", 0);
        String label = intervention + " → " + outcomeWords;
        String checks = checks(e);
        if (verdict.equals("insufficient_data") || effect == null || low == null || high == null) {
            return new Insight(
                    label,
                    "insufficient_data",
                    "Insufficient data for " + intervention.toLowerCase(Locale.ENGLISH) + " and " + outcomeWords + ": "
                            + reasonInWords(e.getString("reason", "")) + ".",
                    "",
                    null,
                    null,
                    null);
        }
        String unit = sleep ? " h" : "";
        String days = "cohort_fixed_effects".equals(e.getString("design", ""))
                ? n + " child-days"
                : n + (n == 1 ? " day" : " days");
        String interval =
                String.format(Locale.ENGLISH, "(95%% CI %s to %s%s, %s)", figure(low), figure(high), unit, days);
        String sentence;
        if (verdict.equals("helps") || verdict.equals("harms")) {
            // The direction the verdict rests on: the side of 0 the whole interval lies on (VerdictRule).
            boolean up = low > 0;
            String verb = sleep ? (up ? "lengthened" : "shortened") : (up ? "raised" : "lowered");
            sentence = String.format(
                    Locale.ENGLISH,
                    "%s %s %s by %s%s %s.",
                    intervention,
                    verb,
                    outcomeWords,
                    figure(Math.abs(effect)),
                    unit,
                    interval);
        } else {
            // VerdictRule: no evidence when the interval contains 0, or when a refutation check failed.
            boolean includesZero = low <= 0 && high >= 0;
            sentence = String.format(
                    Locale.ENGLISH,
                    "No clear effect of %s on %s: the estimate is %s%s %s, %s.",
                    intervention.toLowerCase(Locale.ENGLISH),
                    outcomeWords,
                    figure(effect),
                    unit,
                    interval,
                    includesZero
                            ? "and the interval includes no change"
                            : "but a refutation check failed, so it may not be a real effect");
        }
        return new Insight(label, verdict, sentence, checks, effect, low, high);
    }

    private static String checks(JsonObject e) {
        if (!e.containsKey("refutations") || e.getJsonArray("refutations").isEmpty()) {
            return "No refutation checks were run.";
        }
        List<String> failed = new ArrayList<>();
        int total = 0;
        for (JsonObject r : e.getJsonArray("refutations").getValuesAs(JsonObject.class)) {
            total++;
            if (!r.getBoolean("passed", false)) {
                failed.add(ChildPage.words(r.getString("name", "")).toLowerCase(Locale.ENGLISH));
            }
        }
        return failed.isEmpty()
                ? "The " + total + " checks passed."
                : failed.size() + " of " + total + " checks failed (" + String.join(", ", failed)
                        + "): treat this estimate with caution.";
    }

    private static Double number(JsonObject e, String key) {
        return e.get(key) instanceof JsonNumber num && Double.isFinite(num.doubleValue()) ? num.doubleValue() : null;
    }

    /** Three significant figures (stress effects are often a few thousandths), without an exponent. */
    static String figure(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The engine's reason for too little data, in words a counsellor can act on. */
    static String reasonInWords(String reason) {
        if (reason.startsWith("both arms need rows")) {
            return "too few days with the intervention, or too few without it";
        }
        return reason.isEmpty() ? "not enough days yet" : reason;
    }

    /** A forest plot (Chart.js): per estimate, its 95% interval as a floating bar and the estimate as a point. */
    static String forestPlot(List<Insight> insights) {
        List<IntervalChart.Row> rows = insights.stream()
                .filter(Insight::drawable)
                .map(i -> new IntervalChart.Row(
                        i.label,
                        i.ciLow,
                        i.ciHigh,
                        i.effect,
                        switch (i.verdict) {
                            case "helps" -> "rgba(31, 95, 42, 0.55)";
                            case "harms" -> "rgba(143, 29, 29, 0.55)";
                            default -> "rgba(91, 100, 117, 0.45)";
                        }))
                .toList();
        return IntervalChart.of(
                rows,
                "95% interval",
                "Estimate",
                ChildCharts.titled("effect (stress 0–1, sleep in hours); 0 = no change"));
    }
}
