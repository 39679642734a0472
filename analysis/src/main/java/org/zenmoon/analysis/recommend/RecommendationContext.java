package org.zenmoon.analysis.recommend;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.time.DayOfWeek;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What is known about a child when a recommendation is asked for. It is logged with the decision, so the
 * recommender can be retrained and evaluated on exactly what the policy saw.
 *
 * @param stressLevel      mean stress of the last 24 h, 0..1; null when unknown
 * @param stressTrend      change of daily mean stress per day over the last 7 days; null when unknown
 * @param sleepDebtHours   the child's usual sleep minus the mean of the last 3 nights, hours; null when unknown
 * @param chronotype       {@code early_bird}, {@code intermediate}, {@code night_owl}, or null
 * @param forecastPeakHour hour (0..23) of the highest forecast stress in the next 24 h; null when unknown
 * @param examSoon         an exam or test within 36 h
 * @param hourOfDay        local hour of the request
 * @param ageYears         the child's age in whole years
 * @param history          per intervention id, this child's past recommendations and feedback
 * @param causalVerdicts   per causal type, the causal-effects verdict: {@code helps}, {@code harms},
 *                         {@code no_evidence}, {@code insufficient_data}
 */
public record RecommendationContext(
        Double stressLevel,
        Double stressTrend,
        Double sleepDebtHours,
        String chronotype,
        Integer forecastPeakHour,
        boolean examSoon,
        int hourOfDay,
        DayOfWeek weekday,
        int ageYears,
        Map<String, Tally> history,
        Map<String, String> causalVerdicts) {

    public static final Set<String> CHRONOTYPES = Set.of("early_bird", "intermediate", "night_owl");
    public static final Set<String> VERDICTS = Set.of("helps", "harms", "no_evidence", "insufficient_data");

    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    public RecommendationContext {
        if (stressLevel != null && (!Double.isFinite(stressLevel) || stressLevel < 0 || stressLevel > 1)) {
            throw new IllegalArgumentException("stressLevel must be 0..1: " + stressLevel);
        }
        if (stressTrend != null && !Double.isFinite(stressTrend)) {
            throw new IllegalArgumentException("stressTrend must be finite: " + stressTrend);
        }
        if (sleepDebtHours != null && !Double.isFinite(sleepDebtHours)) {
            throw new IllegalArgumentException("sleepDebtHours must be finite: " + sleepDebtHours);
        }
        if (chronotype != null && !CHRONOTYPES.contains(chronotype)) {
            throw new IllegalArgumentException("unknown chronotype '" + chronotype + "'");
        }
        if (forecastPeakHour != null && (forecastPeakHour < 0 || forecastPeakHour > 23)) {
            throw new IllegalArgumentException("forecastPeakHour must be 0..23: " + forecastPeakHour);
        }
        if (hourOfDay < 0 || hourOfDay > 23) {
            throw new IllegalArgumentException("hourOfDay must be 0..23: " + hourOfDay);
        }
        Objects.requireNonNull(weekday, "weekday");
        if (ageYears < 3 || ageYears > 25) {
            throw new IllegalArgumentException("ageYears must be 3..25: " + ageYears);
        }
        // Sorted copies: the JSON is the same for the same context, and equality survives a round trip.
        TreeMap<String, Tally> h = new TreeMap<>();
        if (history != null) {
            history.forEach((id, t) ->
                    h.put(Objects.requireNonNull(id, "history id"), Objects.requireNonNull(t, "history tally")));
        }
        TreeMap<String, String> v = new TreeMap<>();
        if (causalVerdicts != null) {
            causalVerdicts.forEach((type, verdict) -> {
                if (!VERDICTS.contains(verdict)) {
                    throw new IllegalArgumentException("unknown causal verdict '" + verdict + "' for " + type);
                }
                v.put(Objects.requireNonNull(type, "causal type"), verdict);
            });
        }
        history = Collections.unmodifiableMap(h);
        causalVerdicts = Collections.unmodifiableMap(v);
    }

    /** This child's tally for one intervention, zero when never recommended. */
    public Tally tally(String interventionId) {
        return history.getOrDefault(interventionId, Tally.NONE);
    }

    /** The same context with one more recommendation of {@code interventionId} and its answer (null: none). */
    public RecommendationContext withFeedback(String interventionId, Boolean helpful) {
        Map<String, Tally> h = new TreeMap<>(history);
        Tally add = new Tally(1, Boolean.TRUE.equals(helpful) ? 1 : 0, Boolean.FALSE.equals(helpful) ? 1 : 0);
        h.merge(interventionId, add, Tally::plus);
        return new RecommendationContext(
                stressLevel,
                stressTrend,
                sleepDebtHours,
                chronotype,
                forecastPeakHour,
                examSoon,
                hourOfDay,
                weekday,
                ageYears,
                h,
                causalVerdicts);
    }

    /** JSON with every field, nulls included; {@link #fromJson} reads it back to an equal context. */
    public String toJson() {
        return GSON.toJson(this);
    }

    public static RecommendationContext fromJson(String json) {
        try {
            RecommendationContext c = GSON.fromJson(json, RecommendationContext.class);
            if (c == null) {
                throw new IllegalArgumentException("empty context JSON");
            }
            return c;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("unreadable context JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Gson wraps what the compact constructor refuses; hand back the refusal itself.
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw e;
        }
    }
}
