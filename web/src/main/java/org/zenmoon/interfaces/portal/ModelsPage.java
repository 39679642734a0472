package org.zenmoon.interfaces.portal;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zenmoon.application.ModelReports;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;

/**
 * The recommender's A/B report for the tenant admin ({@link Permission#READ_MODELS}): per arm the model version,
 * exposures and 👍 rate with its Wilson 95% interval, the test's p-value in words, each version's offline evaluation
 * (IPS, SNIPS, doubly robust) and the history of promotions and rollbacks. Every figure is {@link ModelReports}'s;
 * this page only words and draws them. Others get the 403 page.
 */
@Named
@ViewScoped
public class ModelsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Steps read: the most ModelReports gives, so that skipped retrainings do not crowd out a promotion. */
    static final int HISTORY_READ = 500;

    /** Steps shown. */
    static final int HISTORY_SHOWN = 50;

    /** The steps the history lists: those that change which model serves (a training shows as its outcome). */
    static final Set<String> STEPS_SHOWN =
            Set.of("cold_start", "ab_started", "rejected", "promoted", "rolled_back", "replaced");

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final String CONTROL_COLOUR = "rgba(91, 100, 117, 0.55)";
    private static final String CANDIDATE_COLOUR = "rgba(31, 95, 42, 0.55)";

    @Inject
    ModelReports reports;

    @Inject
    CallerContext callers;

    @Inject
    AccessPolicy policy;

    private boolean allowed;
    private String state = "";
    private String stateSentence = "";
    private String armsCaption = "";
    private String verdict = "";
    private List<ArmRow> arms = List.of();
    private String armChart;
    private List<VersionRow> versions = List.of();
    private List<StepRow> history = List.of();

    @PostConstruct
    void init() {
        allowed = policy.permits(callers.current(), Permission.READ_MODELS);
        if (allowed) {
            show(reports.abReport(HISTORY_READ), PortalWords.current());
        }
    }

    /** The page's view action: 403 (the page that says where to go) for those who may not read the models. */
    public void check() throws IOException {
        PageAnswers.refuseUnless(allowed, "Only a tenant admin reads the recommender's report.");
    }

    void show(ModelReports.AbReport r, PortalWords words) {
        state = r.state();
        stateSentence = stateSentence(r, words);
        armsCaption = words.format("models.arms.caption", when(r.since()));
        verdict = verdict(r, words);
        arms = r.arms().stream().map(a -> ArmRow.of(a, words)).toList();
        armChart = armChart(r.arms(), words);
        versions = r.versions().stream().map(v -> VersionRow.of(v, words)).toList();
        history = history(r, words);
    }

    /** Whether a test runs, and between which versions; or that there is no test, or no model at all. */
    static String stateSentence(ModelReports.AbReport r, PortalWords words) {
        return switch (r.state()) {
            case "running" ->
                words.format(
                        "models.state.running",
                        when(r.since()),
                        arm(r, "control").version(),
                        arm(r, "candidate").version(),
                        r.candidateShare());
            case "no_test" -> {
                ModelReports.Arm active = arm(r, "control");
                yield words.format("models.state.no_test", active.version(), when(r.since()));
            }
            default -> words.text("models.state.no_model");
        };
    }

    /** What the test's p-value means now; empty unless a test runs. */
    static String verdict(ModelReports.AbReport r, PortalWords words) {
        if (!"running".equals(r.state()) || r.pValue() == null) {
            return "";
        }
        ModelReports.Arm control = arm(r, "control");
        ModelReports.Arm candidate = arm(r, "candidate");
        String p = p(r.pValue(), words);
        String alpha = CausalInsights.figure(r.alpha());
        if (Math.min(control.exposures(), candidate.exposures()) < r.minPerArm()) {
            return words.format("models.p.tooFew", r.minPerArm(), control.exposures(), candidate.exposures(), p);
        }
        if (r.pValue() < r.alpha() && control.rate() != null && candidate.rate() != null) {
            return words.format(candidate.rate() > control.rate() ? "models.p.higher" : "models.p.lower", p, alpha);
        }
        return words.format("models.p.none", p, alpha);
    }

    /** "= 0.012", or "< 0.001" for smaller values. */
    static String p(double p, PortalWords words) {
        if (p < 0.001) {
            return words.text("models.p.below");
        }
        return words.format(
                "models.p.equals",
                BigDecimal.valueOf(p).setScale(3, RoundingMode.HALF_UP).toPlainString());
    }

    private static ModelReports.Arm arm(ModelReports.AbReport r, String name) {
        return r.arms().stream()
                .filter(a -> a.arm().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the report has no " + name + " arm"));
    }

    /** Each arm's 👍 rate on its Wilson interval, in percent; null when no arm has answers. */
    static String armChart(List<ModelReports.Arm> arms, PortalWords words) {
        List<IntervalChart.Row> rows = new ArrayList<>();
        for (ModelReports.Arm a : arms) {
            if (a.rate() != null && a.low95() != null && a.high95() != null) {
                rows.add(new IntervalChart.Row(
                        armName(a.arm(), words) + " v" + a.version(),
                        100 * a.low95(),
                        100 * a.high95(),
                        100 * a.rate(),
                        "candidate".equals(a.arm()) ? CANDIDATE_COLOUR : CONTROL_COLOUR));
            }
        }
        return IntervalChart.of(
                rows,
                words.text("models.chart.interval"),
                words.text("models.chart.rate"),
                ChildCharts.titled(words.text("models.chart.axis"))
                        .add("min", 0)
                        .add("max", 100));
    }

    static String armName(String arm, PortalWords words) {
        return words.text("candidate".equals(arm) ? "models.arm.candidate" : "models.arm.control");
    }

    /** The steps that change which model serves, newest first, at most {@link #HISTORY_SHOWN}. */
    static List<StepRow> history(ModelReports.AbReport r, PortalWords words) {
        Map<String, Integer> numbers = new HashMap<>();
        r.versions().forEach(v -> numbers.put(v.modelVersion(), v.version()));
        return r.history().stream()
                .filter(s -> STEPS_SHOWN.contains(s.kind()))
                .limit(HISTORY_SHOWN)
                .map(s -> new StepRow(
                        when(s.at()),
                        words.text("models.step." + s.kind()),
                        s.kind(),
                        s.modelVersion() == null || !numbers.containsKey(s.modelVersion())
                                ? "—"
                                : "v" + numbers.get(s.modelVersion()),
                        why(s, words)))
                .toList();
    }

    /** Why a step happened, from its detail. */
    static String why(ModelReports.Step s, PortalWords words) {
        JsonObject d = s.detail();
        if (d == null) {
            return "";
        }
        String reason = sentence(d.getString("reason", ""));
        return switch (s.kind()) {
            case "ab_started" ->
                words.format(
                        "models.why.ab_started",
                        d.getInt("against", 0),
                        d.get("candidateShare") instanceof JsonNumber n ? n.doubleValue() : 0);
            case "rejected" -> words.format("models.why.rejected", d.getInt("against", 0));
            case "promoted", "rolled_back" ->
                d.containsKey("candidate") && d.containsKey("control") && d.get("pValue") instanceof JsonNumber p
                        ? words.format(
                                "models.why.decided",
                                reason,
                                p(p.doubleValue(), words),
                                d.getJsonObject("candidate").getInt("helpful", 0),
                                d.getJsonObject("candidate").getInt("answered", 0),
                                d.getJsonObject("control").getInt("helpful", 0),
                                d.getJsonObject("control").getInt("answered", 0))
                        : reason;
            default -> reason;
        };
    }

    /** "the candidate's …" as "The candidate's …". */
    private static String sentence(String text) {
        return text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    /** A rate (0 to 1) in percent, one decimal. */
    static String percent(Double rate, PortalWords words) {
        return rate == null ? "" : words.figure(100 * rate, 1) + "%";
    }

    /** One arm of the test as the page shows it. */
    public record ArmRow(
            String arm,
            String name,
            String version,
            String modelVersion,
            long served,
            long exposures,
            long helpful,
            String rate,
            String low,
            String high,
            boolean answered)
            implements Serializable {

        static ArmRow of(ModelReports.Arm a, PortalWords words) {
            boolean answered = a.rate() != null && a.low95() != null && a.high95() != null;
            return new ArmRow(
                    a.arm(),
                    armName(a.arm(), words),
                    "v" + a.version(),
                    a.modelVersion(),
                    a.served(),
                    a.exposures(),
                    a.helpful(),
                    answered ? percent(a.rate(), words) : words.text("models.arm.noAnswers"),
                    answered ? percent(a.low95(), words) : "",
                    answered ? percent(a.high95(), words) : "",
                    answered);
        }

        public String getArm() {
            return arm;
        }

        public String getName() {
            return name;
        }

        public String getVersion() {
            return version;
        }

        public String getModelVersion() {
            return modelVersion;
        }

        public long getServed() {
            return served;
        }

        public long getExposures() {
            return exposures;
        }

        public long getHelpful() {
            return helpful;
        }

        public String getRate() {
            return rate;
        }

        public String getLow() {
            return low;
        }

        public String getHigh() {
            return high;
        }

        public boolean isAnswered() {
            return answered;
        }
    }

    /** One model version with its offline evaluation in words. */
    public record VersionRow(String version, String status, String created, int trainedOn, String offline)
            implements Serializable {

        static VersionRow of(ModelReports.Version v, PortalWords words) {
            return new VersionRow(
                    "v" + v.version(),
                    words.text("models.version.status." + v.status()),
                    when(v.createdAt()),
                    v.trainedOn(),
                    offline(v.metrics(), words));
        }

        /** The offline comparison with the model active when it was trained. */
        static String offline(JsonObject m, PortalWords words) {
            if (m == null
                    || !(m.get("candidate") instanceof JsonObject c)
                    || !(m.get("current") instanceof JsonObject a)) {
                return words.text("models.offline.none");
            }
            return words.format(
                    "models.offline.figures",
                    m.getInt("heldOutRecords", 0),
                    figure(c, "dr", words),
                    figure(c, "drStdError", words),
                    figure(a, "dr", words),
                    m.getInt("againstVersion", 0),
                    figure(c, "ips", words),
                    figure(a, "ips", words),
                    figure(c, "snips", words),
                    figure(a, "snips", words),
                    figure(m, "drDifference", words),
                    figure(m, "differenceLow95", words),
                    figure(m, "differenceHigh95", words),
                    words.text(m.getBoolean("notWorse", false) ? "models.offline.notWorse" : "models.offline.worse"));
        }

        private static String figure(JsonObject o, String key, PortalWords words) {
            return o.get(key) instanceof JsonNumber n && Double.isFinite(n.doubleValue())
                    ? words.figure(n.doubleValue(), 3)
                    : words.text("models.offline.na");
        }

        public String getVersion() {
            return version;
        }

        public String getStatus() {
            return status;
        }

        public String getCreated() {
            return created;
        }

        public int getTrainedOn() {
            return trainedOn;
        }

        public String getOffline() {
            return offline;
        }
    }

    /** One step of the history. */
    public record StepRow(String when, String what, String kind, String version, String why) implements Serializable {

        public String getWhen() {
            return when;
        }

        public String getWhat() {
            return what;
        }

        public String getKind() {
            return kind;
        }

        public String getVersion() {
            return version;
        }

        public String getWhy() {
            return why;
        }
    }

    public boolean isAllowed() {
        return allowed;
    }

    public String getState() {
        return state;
    }

    public String getStateSentence() {
        return stateSentence;
    }

    public String getArmsCaption() {
        return armsCaption;
    }

    public String getVerdict() {
        return verdict;
    }

    public List<ArmRow> getArms() {
        return arms;
    }

    public String getArmChart() {
        return armChart;
    }

    public List<VersionRow> getVersions() {
        return versions;
    }

    public List<StepRow> getHistory() {
        return history;
    }
}
