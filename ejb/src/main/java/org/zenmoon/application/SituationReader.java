package org.zenmoon.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.zenmoon.analysis.recommend.RecommendationContext;
import org.zenmoon.analysis.recommend.Tally;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.consent.ConsentScope;
import org.zenmoon.domain.model.recommendation.RecommendationRepository;
import org.zenmoon.domain.model.recommendation.RecommendationRepository.DailyMean;

/**
 * What the recommender knows about a child at the moment it recommends, from stored data only (a few aggregate
 * queries, no epochs loaded): recent stress and its trend, sleep debt against the child's own usual, the stored
 * chronotype, forecast and causal verdicts, an exam coming up, and how the child's family answered before. Anything
 * missing stays unknown (null), and the model has a feature for that. The hour, the weekday, the days and the
 * forecast's peak hour are the tenant's local ones ({@link TenantZone}), like the analyses'.
 */
@Dependent
class SituationReader {

    /** Nights that make a child's usual sleep; at least {@link #MIN_NIGHTS} of them. */
    static final Duration USUAL_SLEEP_WINDOW = Duration.ofDays(28);

    static final int MIN_NIGHTS = 7;

    static final int RECENT_NIGHTS = 3;

    static final Duration EXAM_AHEAD = Duration.ofHours(36);

    @Inject
    RecommendationRepository recommendations;

    @Inject
    AnalysisResultRepository results;

    @Inject
    ConsentCheck consent;

    @Inject
    TenantZone zones;

    /**
     * The child's situation now. Without analysis consent only what needs no analysis of the child's measurements is
     * used: the time, the age, the school's exams and the family's own answers; stress, sleep, chronotype, forecast
     * and causal verdicts stay unknown.
     */
    RecommendationContext read(ChildSummary child, Instant now) {
        String id = child.childId();
        ZoneId zone = zones.current();
        ZonedDateTime local = now.atZone(zone);
        Map<String, Tally> history = new HashMap<>();
        recommendations.tallies(id).forEach((k, t) -> history.put(k, new Tally(t.shown(), t.helpful(), t.unhelpful())));
        boolean analysed = analysed(id);
        return new RecommendationContext(
                analysed
                        ? recommendations
                                .meanStress(id, now.minus(Duration.ofHours(24)), now)
                                .orElse(null)
                        : null,
                analysed
                        ? stressTrend(recommendations.dailyStress(id, now.minus(Duration.ofDays(7)), now, zone))
                        : null,
                analysed
                        ? sleepDebt(recommendations.nightlySleepHours(id, now.minus(USUAL_SLEEP_WINDOW), now, zone))
                        : null,
                analysed ? chronotype(child) : null,
                analysed ? forecastPeakHour(id, now, zone) : null,
                recommendations.examBetween(id, now, now.plus(EXAM_AHEAD)),
                local.getHour(),
                local.getDayOfWeek(),
                age(child.birthYear(), local),
                history,
                analysed ? causalVerdicts(id) : Map.of());
    }

    /** Whether the child's measurements may be analysed (and their situation kept as a vector). */
    boolean analysed(String childId) {
        return consent.isActive(childId, ConsentScope.ANALYSIS);
    }

    /**
     * The age in whole years from the birth year alone (the birthday is not stored): in the first half of the year
     * most children have not had this year's birthday yet.
     */
    static int age(int birthYear, ZonedDateTime now) {
        int age = now.getYear() - birthYear - (now.getDayOfYear() <= 182 ? 1 : 0);
        return Math.max(3, Math.min(25, age));
    }

    /** The slope of the daily means per day; unknown with fewer than three days. */
    static Double stressTrend(List<DailyMean> days) {
        if (days.size() < 3) {
            return null;
        }
        SimpleRegression fit = new SimpleRegression();
        long first = days.get(0).day().toEpochDay();
        days.forEach(d -> fit.addData(d.day().toEpochDay() - first, d.mean()));
        double slope = fit.getSlope();
        return Double.isFinite(slope) ? slope : null;
    }

    /** The child's usual (median) night minus the mean of the last three; unknown with fewer than a week of nights. */
    static Double sleepDebt(List<Double> nights) {
        if (nights.size() < MIN_NIGHTS) {
            return null;
        }
        double usual = new Median()
                .evaluate(nights.stream().mapToDouble(Double::doubleValue).toArray());
        double recent = nights.subList(nights.size() - RECENT_NIGHTS, nights.size()).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(usual);
        return usual - recent;
    }

    private String chronotype(ChildSummary child) {
        String stored = results.latestOfChild(child.childId(), ChronotypeRefresh.KIND)
                .map(r -> object(r.payload()))
                .filter(o -> o.get("category") instanceof jakarta.json.JsonString)
                .map(o -> o.getString("category"))
                .orElse(null);
        if (stored != null) {
            return stored;
        }
        return child.chronotype() == null ? null : child.chronotype().label();
    }

    /** The local hour of the highest stress the stored forecast expects in the next 24 hours. */
    private Integer forecastPeakHour(String childId, Instant now, ZoneId zone) {
        return results.latestOfChild(childId, ForecastRefresh.kind("stress"))
                .map(r -> object(r.payload()))
                .filter(o -> o.get("points") instanceof JsonArray)
                .map(o -> {
                    Instant until = now.plus(Duration.ofHours(24));
                    Instant peak = null;
                    double highest = Double.NEGATIVE_INFINITY;
                    for (JsonValue v : o.getJsonArray("points")) {
                        JsonObject p = v.asJsonObject();
                        Instant t = Instant.parse(p.getString("t"));
                        double mean = p.getJsonNumber("mean").doubleValue();
                        if (!t.isBefore(now) && t.isBefore(until) && mean > highest) {
                            highest = mean;
                            peak = t;
                        }
                    }
                    return peak == null ? null : peak.atZone(zone).getHour();
                })
                .orElse(null);
    }

    /**
     * Per intervention type, the verdict of the child's own (N-of-1) estimates: {@code harms} if any outcome got
     * worse, else {@code helps} if any got better, else the first verdict.
     */
    private Map<String, String> causalVerdicts(String childId) {
        Map<String, String> verdicts = new HashMap<>();
        results.latestOfChild(childId, CausalRefresh.KIND).ifPresent(r -> {
            for (JsonValue v : CausalRefresh.parse(r.payload())) {
                JsonObject e = v.asJsonObject();
                String type = e.getString("intervention", null);
                String verdict = e.getString("verdict", null);
                if (type == null || verdict == null) {
                    continue;
                }
                verdicts.merge(type, verdict, SituationReader::stronger);
            }
        });
        return verdicts;
    }

    private static String stronger(String a, String b) {
        if (a.equals("harms") || b.equals("harms")) {
            return "harms";
        }
        return a.equals("helps") || b.equals("helps") ? "helps" : a;
    }

    private static JsonObject object(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
