package org.zenmoon.analysis.recommend;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns (context, intervention) into the feature vector of the one global ranker.
 *
 * <p>One model serves every child, so what makes it personal are features of this child's own answers: the
 * smoothed 👍 rate for this intervention and for its category (Beta(1,1) prior, centred on 0 and scaled to -1..1,
 * so "no answers yet" is 0), how many answers stand behind it, and whether it was never tried. The other features
 * are interactions the literature and the issue ask for: chronotype × the slots the intervention suits, stress ×
 * calming categories, an exam × study and calming, sleep debt × sleep hygiene and screens, the child's own causal
 * verdict for the intervention's type, the forecast peak, and whether it suits the time of the request. A null
 * input encodes as 0 with its "unknown" indicator set; no feature is ever NaN or infinite.
 *
 * <p>{@link #VERSION} changes whenever the meaning or order of a feature changes; a model names the version it
 * was trained on.
 */
public final class FeatureEncoder {

    public static final int VERSION = 1;

    private static final List<String> CALMING = List.of("breathing", "mindfulness");
    private static final List<String> ACTIVE = List.of("movement", "outdoor");

    /** The named features after the one-hot blocks, in order. */
    private static final List<String> CONTEXT_FEATURES = List.of(
            "item_rate",
            "item_votes",
            "item_untried",
            "item_shown",
            "category_rate",
            "category_votes",
            "category_untried",
            "night_owl_x_late_slot",
            "night_owl_x_morning_only",
            "early_bird_x_morning_slot",
            "early_bird_x_late_only",
            "chronotype_unknown",
            "stress_x_calming",
            "stress_x_active",
            "stress_unknown",
            "stress_trend_x_calming",
            "stress_trend_unknown",
            "exam_x_study",
            "exam_x_calming",
            "exam_x_screen",
            "sleep_debt_x_sleep_hygiene",
            "sleep_debt_x_screen",
            "sleep_debt_unknown",
            "causal_helps",
            "causal_harms",
            "causal_no_evidence",
            "causal_unknown",
            "forecast_peak_soon_x_calming",
            "forecast_unknown",
            "slot_now",
            "slot_later_today",
            "weekend_x_active",
            "weekend_x_study");

    private final InterventionCatalogue catalogue;
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final Map<String, String> categoryOf = new HashMap<>();
    private final List<String> names;
    private final int categoryOffset;
    private final int contextOffset;

    public FeatureEncoder(InterventionCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        List<String> n = new ArrayList<>();
        for (Intervention i : catalogue.interventions()) {
            itemIndex.put(i.id(), n.size());
            categoryOf.put(i.id(), i.category());
            n.add("item=" + i.id());
        }
        categoryOffset = n.size();
        for (String c : Intervention.CATEGORIES) {
            n.add("category=" + c);
        }
        contextOffset = n.size();
        n.addAll(CONTEXT_FEATURES);
        names = List.copyOf(n);
    }

    public InterventionCatalogue catalogue() {
        return catalogue;
    }

    public int dimension() {
        return names.size();
    }

    public List<String> featureNames() {
        return names;
    }

    public float[][] encodeAll(RecommendationContext x, List<Intervention> candidates) {
        float[][] out = new float[candidates.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(x, candidates.get(i));
        }
        return out;
    }

    public float[] encode(RecommendationContext x, Intervention a) {
        Integer item = itemIndex.get(a.id());
        if (item == null) {
            throw new IllegalArgumentException(
                    "'" + a.id() + "' is not in catalogue " + catalogue.version() + "; the encoder cannot name it");
        }
        float[] f = new float[names.size()];
        f[item] = 1;
        f[categoryOffset + Intervention.CATEGORIES.indexOf(a.category())] = 1;
        int k = contextOffset;

        Tally own = x.tally(a.id());
        f[k++] = centredRate(own);
        f[k++] = votes(own.answered());
        f[k++] = own.answered() == 0 ? 1 : 0;
        f[k++] = votes(own.shown());
        Tally cat = categoryTally(x, a.category());
        f[k++] = centredRate(cat);
        f[k++] = votes(cat.answered());
        f[k++] = cat.answered() == 0 ? 1 : 0;

        boolean late = a.slots().contains(DaySlot.EVENING) || a.slots().contains(DaySlot.BEDTIME);
        boolean morning = a.slots().contains(DaySlot.MORNING);
        String chrono = x.chronotype();
        f[k++] = "night_owl".equals(chrono) && late ? 1 : 0;
        f[k++] = "night_owl".equals(chrono) && morning && !late ? 1 : 0;
        f[k++] = "early_bird".equals(chrono) && morning ? 1 : 0;
        f[k++] = "early_bird".equals(chrono) && late && !morning ? 1 : 0;
        f[k++] = chrono == null ? 1 : 0;

        boolean calming = CALMING.contains(a.category());
        boolean active = ACTIVE.contains(a.category());
        double stress = x.stressLevel() == null ? 0 : x.stressLevel();
        f[k++] = calming ? (float) stress : 0;
        f[k++] = active ? (float) stress : 0;
        f[k++] = x.stressLevel() == null ? 1 : 0;
        // A trend of 0.1 a day is a steep rise on a 0..1 scale; clip so one odd week cannot dominate.
        double trend = x.stressTrend() == null ? 0 : clip(x.stressTrend() / 0.1, -1, 1);
        f[k++] = calming ? (float) trend : 0;
        f[k++] = x.stressTrend() == null ? 1 : 0;

        f[k++] = x.examSoon() && "study".equals(a.category()) ? 1 : 0;
        f[k++] = x.examSoon() && calming ? 1 : 0;
        f[k++] = x.examSoon() && "screen".equals(a.category()) ? 1 : 0;

        double debt = x.sleepDebtHours() == null ? 0 : clip(x.sleepDebtHours() / 2, -1, 1);
        f[k++] = "sleep_hygiene".equals(a.category()) ? (float) debt : 0;
        f[k++] = "screen".equals(a.category()) ? (float) debt : 0;
        f[k++] = x.sleepDebtHours() == null ? 1 : 0;

        String verdict = a.causalType() == null ? null : x.causalVerdicts().get(a.causalType());
        f[k++] = "helps".equals(verdict) ? 1 : 0;
        f[k++] = "harms".equals(verdict) ? 1 : 0;
        f[k++] = "no_evidence".equals(verdict) ? 1 : 0;
        f[k++] = a.causalType() != null && (verdict == null || "insufficient_data".equals(verdict)) ? 1 : 0;

        Integer peak = x.forecastPeakHour();
        boolean peakSoon = peak != null && Math.floorMod(peak - x.hourOfDay(), 24) <= 6;
        f[k++] = peakSoon && calming ? 1 : 0;
        f[k++] = peak == null ? 1 : 0;

        DaySlot now = DaySlot.ofHour(x.hourOfDay());
        f[k++] = a.slots().contains(now) ? 1 : 0;
        boolean later = false;
        for (DaySlot s : a.slots()) {
            later |= s.compareTo(now) > 0;
        }
        f[k++] = later ? 1 : 0;

        boolean weekend = x.weekday() == DayOfWeek.SATURDAY || x.weekday() == DayOfWeek.SUNDAY;
        f[k++] = weekend && active ? 1 : 0;
        f[k++] = weekend && "study".equals(a.category()) ? 1 : 0;
        if (k != f.length) {
            throw new IllegalStateException("feature count drifted from the names: " + k + " != " + f.length);
        }
        return f;
    }

    /** This child's answers summed over the catalogue's interventions of one category. */
    private Tally categoryTally(RecommendationContext x, String category) {
        Tally sum = Tally.NONE;
        for (Map.Entry<String, Tally> e : x.history().entrySet()) {
            if (category.equals(categoryOf.get(e.getKey()))) {
                sum = sum.plus(e.getValue());
            }
        }
        return sum;
    }

    /** (helpful + 1) / (answered + 2), centred and scaled to -1..1; 0 without answers. */
    private static float centredRate(Tally t) {
        double rate = (t.helpful() + 1.0) / (t.answered() + 2.0);
        return (float) (2 * (rate - 0.5));
    }

    /** log(1 + n) / log(21): 0 for none, 1 at 20, capped there. */
    private static float votes(int n) {
        return (float) Math.min(1, Math.log1p(n) / Math.log(21));
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
