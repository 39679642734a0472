package org.zenmoon.application;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.zenmoon.analysis.causal.CausalEstimate;
import org.zenmoon.analysis.causal.CausalSettings;
import org.zenmoon.analysis.causal.DailyObservation;
import org.zenmoon.analysis.causal.DailyOutcome;
import org.zenmoon.analysis.causal.DailyRecords;
import org.zenmoon.analysis.causal.InterventionDesigns;
import org.zenmoon.analysis.causal.Refutation;
import org.zenmoon.analysis.sleep.SleepEpisode;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.ResultKey;
import org.zenmoon.domain.model.child.AnalysisInputs;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;

/**
 * The {@code causal-effects} job (docs/analyses/causal.md). Per child: the last 60 days become daily records
 * (evening stress, the night's sleep, school events, which interventions happened), stored as {@code daily_records},
 * and each logged intervention gets an N-of-1 estimate per outcome. Then per cohort: the children's stored daily
 * records, pooled with a fixed effect per child, give the cohort's estimate. Each estimate carries its 95% interval,
 * its refutation checks and a verdict; too few days is {@code insufficient_data}, from the engine, never a number.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@LocalBean
@Local(ChildAnalysis.class)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class CausalRefresh implements ChildAnalysis {

    public static final String JOB = "causal-effects";
    public static final String KIND = "causal_effects";
    static final String DAILY = "daily_records";
    static final List<DailyOutcome> OUTCOMES = List.of(DailyOutcome.EVENING_STRESS, DailyOutcome.SLEEP);

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(CausalRefresh.class.getName());

    @Inject
    ChildData data;

    @Inject
    AnalysisInputs inputs;

    @Inject
    ChildRepository children;

    @Inject
    AnalysisResultRepository results;

    @Inject
    Clock clock;

    /** The tenant's zone: its local days, evenings and weekends are what the daily records are made of. */
    @Inject
    TenantZone zones;

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    @Audited("analysis")
    public ChildOutput analyse(String childId) {
        return analyse(childId, data.recent(childId));
    }

    /**
     * The same analysis of epochs read already (the consent checked), in the caller's transaction: {@link
     * AllAnalyses} reads them once for all four.
     */
    @Audited("analysis")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ChildOutput analyse(String childId, ChildData.Recent recent) {
        Instant now = clock.instant();
        ZoneId zone = zones.current();
        String period = ChildData.period(now, zone);
        if (recent.isEmpty()) {
            return ChildOutput.of(
                            childId,
                            new ChildOutput.Result(ResultKey.ofChild(childId, KIND, period), "[]", now),
                            new ChildOutput.Result(
                                    ResultKey.ofChild(childId, DAILY, period), dailyJson(List.of(), Map.of()), now))
                    .read(recent.readNanos());
        }
        Map<String, Set<LocalDate>> treated = new LinkedHashMap<>();
        for (AnalysisInputs.Logged iv : inputs.interventions(childId, recent.from(), recent.to())) {
            treated.computeIfAbsent(iv.type(), k -> new TreeSet<>()).add(day(iv.start(), zone));
        }
        Set<LocalDate> events = new HashSet<>();
        inputs.schoolEvents(childId, recent.from(), recent.to()).forEach(t -> events.add(day(t, zone)));
        return ChildData.engine("causal effects", () -> {
            List<SleepEpisode> episodes = recent.episodes(zone);
            List<DailyObservation> days = DailyRecords.of(childId, recent.epochs(), episodes, Set.of(), events, zone);
            JsonArrayBuilder effects = Json.createArrayBuilder();
            for (var e : treated.entrySet()) {
                List<DailyObservation> typed = withTreatment(days, e.getValue());
                for (DailyOutcome outcome : OUTCOMES) {
                    effects.add(estimate(
                            e.getKey(),
                            outcome,
                            "n_of_1",
                            now,
                            () -> InterventionDesigns.withinChild(typed, outcome, CausalSettings.defaults())));
                }
            }
            return ChildOutput.of(
                            childId,
                            new ChildOutput.Result(
                                    ResultKey.ofChild(childId, KIND, period),
                                    effects.build().toString(),
                                    now),
                            new ChildOutput.Result(
                                    ResultKey.ofChild(childId, DAILY, period), dailyJson(days, treated), now))
                    .read(recent.readNanos());
        });
    }

    /**
     * The cohort-level step: for each cohort, and for the whole tenant, the daily records of its children with
     * analysis consent (the newest stored for each), pooled per intervention and outcome.
     *
     * @return how many cohort results were stored
     */
    public int cohorts(java.util.Collection<String> includedChildren) {
        Instant now = clock.instant();
        String period = ChildData.period(now, zones.current());
        Map<String, List<String>> byCohort = new LinkedHashMap<>();
        for (Child c : children.all()) {
            if (c.getCohortId() != null && includedChildren.contains(c.getId())) {
                byCohort.computeIfAbsent(c.getCohortId(), k -> new ArrayList<>())
                        .add(c.getId());
            }
        }
        int stored = 0;
        for (var cohort : byCohort.entrySet()) {
            results.put(
                    ResultKey.ofCohort(cohort.getKey(), KIND, period),
                    new AnalysisResultRepository.StoredResult(pooled(cohort.getValue(), now), now));
            stored++;
        }
        // The whole tenant too: a class of 15 is often too small to show an effect that the school can.
        List<String> all = byCohort.values().stream().flatMap(List::stream).toList();
        results.put(ResultKey.ofTenant(KIND, period), new AnalysisResultRepository.StoredResult(pooled(all, now), now));
        return stored;
    }

    /** The children's stored daily records pooled, one estimate per intervention and outcome, as JSON. */
    private String pooled(List<String> childIds, Instant now) {
        List<DailyObservation> base = new ArrayList<>();
        Map<String, Map<String, Set<LocalDate>>> treatedByChild = new LinkedHashMap<>();
        Set<String> types = new TreeSet<>();
        for (var r : results.latestOfChildren(DAILY, childIds)) {
            JsonObject json =
                    Json.createReader(new StringReader(r.result().payload())).readObject();
            base.addAll(days(r.childId(), json));
            Map<String, Set<LocalDate>> treated = treatedDays(json);
            treatedByChild.put(r.childId(), treated);
            types.addAll(treated.keySet());
        }
        JsonArrayBuilder effects = Json.createArrayBuilder();
        for (String type : types) {
            List<DailyObservation> typed = base.stream()
                    .map(d -> withTreatment(
                            d,
                            treatedByChild
                                    .getOrDefault(d.childId(), Map.of())
                                    .getOrDefault(type, Set.of())
                                    .contains(d.date())))
                    .toList();
            for (DailyOutcome outcome : OUTCOMES) {
                try {
                    effects.add(estimate(
                            type,
                            outcome,
                            "cohort_fixed_effects",
                            now,
                            () -> InterventionDesigns.acrossCohort(typed, outcome, CausalSettings.defaults())));
                } catch (RuntimeException e) {
                    // One estimate the engine refuses must not fail the tenant's whole run (and every restart).
                    LOG.warning(() -> "pooled " + type + " estimate refused: "
                            + e.getClass().getName());
                    effects.add(insufficient(
                            type,
                            outcome,
                            "cohort_fixed_effects",
                            now,
                            "the engine refused the pooled days ("
                                    + e.getClass().getSimpleName() + ")"));
                }
            }
        }
        return effects.build().toString();
    }

    private static LocalDate day(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDate();
    }

    private static List<DailyObservation> withTreatment(List<DailyObservation> days, Set<LocalDate> treated) {
        return days.stream()
                .map(d -> withTreatment(d, treated.contains(d.date())))
                .toList();
    }

    private static DailyObservation withTreatment(DailyObservation d, boolean treated) {
        return new DailyObservation(d.childId(), d.date(), treated, d.eveningStress(), d.sleepHours(), d.schoolEvent());
    }

    /**
     * One estimate, or {@code insufficient_data} when the engine refuses the design: every usable day in one arm
     * (the intervention on all days, or on none that has the day before recorded).
     */
    static JsonObject estimate(
            String intervention,
            DailyOutcome outcome,
            String design,
            Instant now,
            java.util.function.Supplier<CausalEstimate> engine) {
        try {
            return effect(intervention, outcome, engine.get(), design, now);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("both arms need rows")) {
                throw e;
            }
            return insufficient(intervention, outcome, design, now, e.getMessage());
        }
    }

    private static JsonObject insufficient(
            String intervention, DailyOutcome outcome, String design, Instant now, String reason) {
        return Json.createObjectBuilder()
                .add("intervention", intervention)
                .add("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .add("design", design)
                .add("verdict", "insufficient_data")
                .add("reason", reason)
                .add("computedAt", now.toString())
                .addNull("effect")
                .addNull("ciLow")
                .addNull("ciHigh")
                .add("n", 0)
                .add("refutations", Json.createArrayBuilder())
                .build();
    }

    /** One estimate as API.md's {@code /causal-effects} shows it, with when and from how many days. */
    static JsonObject effect(String intervention, DailyOutcome outcome, CausalEstimate e, String design, Instant now) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("intervention", intervention)
                .add("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .add("design", design)
                .add("method", e.method().label())
                .add("n", e.n())
                .add("nTreated", e.nTreated())
                .add("nControl", e.nControl())
                .add("verdict", e.verdict().label())
                .add("computedAt", now.toString());
        number(json, "effect", e.estimate());
        number(json, "ciLow", e.ciLow());
        number(json, "ciHigh", e.ciHigh());
        JsonArrayBuilder refutations = Json.createArrayBuilder();
        for (Refutation r : e.refutations()) {
            refutations.add(Json.createObjectBuilder()
                    .add("name", r.name())
                    .add("passed", r.passed())
                    .add("detail", r.detail() == null ? "" : r.detail()));
        }
        return json.add("refutations", refutations).build();
    }

    /** A figure the engine could not compute is null, never a made-up number. */
    private static void number(JsonObjectBuilder json, String name, double v) {
        if (Double.isFinite(v)) {
            json.add(name, Math.round(v * 10_000) / 10_000.0);
        } else {
            json.addNull(name);
        }
    }

    static String dailyJson(List<DailyObservation> days, Map<String, Set<LocalDate>> treated) {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (DailyObservation d : days) {
            JsonObjectBuilder row =
                    Json.createObjectBuilder().add("date", d.date().toString()).add("schoolEvent", d.schoolEvent());
            number(row, "eveningStress", d.eveningStress());
            number(row, "sleepHours", d.sleepHours());
            rows.add(row);
        }
        JsonObjectBuilder byType = Json.createObjectBuilder();
        treated.forEach((type, dates) -> {
            JsonArrayBuilder a = Json.createArrayBuilder();
            dates.forEach(x -> a.add(x.toString()));
            byType.add(type, a);
        });
        return Json.createObjectBuilder()
                .add("days", rows)
                .add("treated", byType)
                .build()
                .toString();
    }

    static List<DailyObservation> days(String childId, JsonObject json) {
        List<DailyObservation> out = new ArrayList<>();
        for (JsonObject d : json.getJsonArray("days").getValuesAs(JsonObject.class)) {
            out.add(new DailyObservation(
                    childId,
                    LocalDate.parse(d.getString("date")),
                    false,
                    orNaN(d, "eveningStress"),
                    orNaN(d, "sleepHours"),
                    d.getBoolean("schoolEvent")));
        }
        return out;
    }

    static Map<String, Set<LocalDate>> treatedDays(JsonObject json) {
        Map<String, Set<LocalDate>> out = new LinkedHashMap<>();
        JsonObject treated = json.getJsonObject("treated");
        for (String type : treated.keySet()) {
            Set<LocalDate> dates = new TreeSet<>();
            for (JsonValue v : treated.getJsonArray(type)) {
                dates.add(LocalDate.parse(((jakarta.json.JsonString) v).getString()));
            }
            out.put(type, dates);
        }
        return out;
    }

    private static double orNaN(JsonObject o, String name) {
        return o.isNull(name) ? Double.NaN : o.getJsonNumber(name).doubleValue();
    }

    static JsonArray parse(String payload) {
        return Json.createReader(new StringReader(payload)).readArray();
    }
}
