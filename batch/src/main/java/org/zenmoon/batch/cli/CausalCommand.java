package org.zenmoon.batch.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.zenmoon.analysis.causal.CausalData;
import org.zenmoon.analysis.causal.CausalEngine;
import org.zenmoon.analysis.causal.CausalEstimate;
import org.zenmoon.analysis.causal.CausalSettings;
import org.zenmoon.analysis.causal.CovariateBalance;
import org.zenmoon.analysis.causal.Estimand;
import org.zenmoon.analysis.causal.EstimatorResult;
import org.zenmoon.analysis.causal.Method;
import org.zenmoon.analysis.causal.OutcomeDirection;
import org.zenmoon.analysis.causal.Overlap;
import org.zenmoon.analysis.causal.Refutation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code causal}: the effect of a 0/1 treatment column on an outcome column, adjusted for confounder columns. */
@Command(
        name = "causal",
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "The effect of a 0/1 treatment column on an outcome column, adjusted for confounder columns, with a"
                    + " 95% interval (bootstrap; Abadie-Imbens for matching), refutation tests and a verdict.",
            "Output: { method, estimand, ate, ciLow, ciHigh, n, refutations, verdict, ... } (ate holds the estimate of"
                    + " the chosen estimand)."
        })
public final class CausalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "FILE",
            description = "One row per unit (e.g. a child's day).")
    Path data;

    @Option(names = "--treatment", required = true, paramLabel = "C", description = "The 0/1 treatment column.")
    String treatmentName;

    @Option(names = "--outcome", required = true, paramLabel = "C", description = "The numeric outcome column.")
    String outcomeName;

    @Option(
            names = "--confounders",
            required = true,
            paramLabel = "C1,C2,...",
            description = "Columns to adjust for; with --no-header also ranges such as 6-30.")
    String confounderList;

    @Option(
            names = "--method",
            defaultValue = "aipw",
            paramLabel = "M",
            description = "aipw, ipw, regression, stratification, matching, difference, or all (every estimator,"
                    + " headline aipw) (default: ${DEFAULT-VALUE}).")
    String methodText;

    @Option(
            names = "--estimand",
            defaultValue = "ate",
            paramLabel = "ate|att",
            description = "(default: ${DEFAULT-VALUE})")
    String estimandText;

    @Option(
            names = "--bootstrap",
            defaultValue = "500",
            paramLabel = "N",
            description = "Bootstrap resamples for the interval (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--direction",
            defaultValue = "lower",
            paramLabel = "lower|higher",
            description = "Which outcome is better; lower for stress (default: ${DEFAULT-VALUE}).")
    String directionText;

    @Option(
            names = "--strata",
            defaultValue = "5",
            paramLabel = "K",
            description = "Propensity strata for stratification (default: ${DEFAULT-VALUE}).")
    int strata;

    @Option(
            names = "--caliper",
            defaultValue = "0.2",
            paramLabel = "SD",
            description = "Matching caliper in pooled standard deviations of the propensity logit,"
                    + " sqrt((s2 treated + s2 control) / 2) (default: ${DEFAULT-VALUE}).")
    double caliper;

    @Option(names = "--squares", description = "Adds the square of every non-binary confounder.")
    boolean squares;

    @Option(names = "--no-trim", description = "Keeps units with extreme propensity scores.")
    boolean noTrim;

    @Option(names = "--no-refute", description = "Skips the refutation tests.")
    boolean noRefute;

    @Option(names = "--no-header", description = "The file has no header; columns are then named 1..N.")
    boolean noHeader;

    @Override
    public Integer call() throws Exception {
        Path file = CsvTable.readable(data, "--data");
        boolean header = !noHeader;
        boolean all = methodText.equalsIgnoreCase("all");
        Method method;
        try {
            method = all ? Method.AIPW : Method.parse(methodText);
        } catch (IllegalArgumentException e) {
            throw new InputException("option --method: " + e.getMessage()
                    + " (known: aipw, ipw, regression, stratification, matching, difference, all)");
        }
        Estimand estimand = switch (estimandText.toLowerCase(Locale.ROOT)) {
            case "ate" -> Estimand.ATE;
            case "att" -> Estimand.ATT;
            default -> throw new InputException("option --estimand must be ate or att");
        };
        OutcomeDirection direction = switch (directionText.toLowerCase(Locale.ROOT)) {
            case "lower", "lower-is-better" -> OutcomeDirection.LOWER_IS_BETTER;
            case "higher", "higher-is-better" -> OutcomeDirection.HIGHER_IS_BETTER;
            default -> throw new InputException("option --direction must be lower or higher (which outcome is better)");
        };
        if (bootstrap < 0 || bootstrap > 100_000) {
            throw new InputException("option --bootstrap must be between 0 and 100000");
        }
        if (strata < 1) {
            throw new InputException("option --strata must be at least 1");
        }
        if (!(caliper > 0)) {
            throw new InputException("option --caliper must be a positive number");
        }
        CausalSettings settings = CausalSettings.defaults()
                .withMethod(method)
                .withEstimand(estimand)
                .withBootstrap(bootstrap)
                .withSeed(seed)
                .withDirection(direction)
                .withStrata(strata)
                .withCaliper(caliper)
                .withTrim(!noTrim)
                .withRefute(!noRefute);

        CsvTable csv = CsvTable.read(file, header);
        List<String> confounders = confounders(confounderList, !header);
        int tc = csv.column(treatmentName);
        int yc = csv.column(outcomeName);
        int[] xc = new int[confounders.size()];
        for (int j = 0; j < xc.length; j++) {
            xc[j] = csv.column(confounders.get(j));
        }
        int n = csv.rows().size();
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][xc.length];
        int treated = 0;
        for (int i = 0; i < n; i++) {
            CsvTable.Row r = csv.rows().get(i);
            t[i] = treatment(csv, r, tc);
            treated += t[i] ? 1 : 0;
            y[i] = csv.number(r, yc);
            for (int j = 0; j < xc.length; j++) {
                x[i][j] = csv.number(r, xc[j]);
            }
        }
        if (treated == 0 || treated == n) {
            throw new InputException(
                    file,
                    0,
                    treatmentName,
                    "no rows with " + treatmentName + " = "
                            + (treated == 0 ? "1 (the treated arm is empty)" : "0 (the control arm is empty)"));
        }
        CausalData data = new CausalData(t, y, x, confounders);
        if (squares) {
            data = data.withSquaredTerms();
        }
        CausalEstimate e = all ? CausalEngine.estimateAll(data, settings) : CausalEngine.estimate(data, settings);
        spec.commandLine()
                .getOut()
                .println(AnalyticsTool.prettyJson(
                        json(e, settings, file, treatmentName, outcomeName).build()));
        return 0;
    }

    static List<String> confounders(String text, boolean numbered) throws InputException {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (numbered && p.matches("\\d+-\\d+")) {
                String[] ab = p.split("-");
                int a = Integer.parseInt(ab[0]);
                int b = Integer.parseInt(ab[1]);
                if (b < a) {
                    throw new InputException("option --confounders: range " + p + " runs backwards");
                }
                for (int k = a; k <= b; k++) {
                    out.add(String.valueOf(k));
                }
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new InputException("option --confounders needs at least one column");
        }
        return out;
    }

    private static boolean treatment(CsvTable csv, CsvTable.Row r, int column) throws InputException {
        String v = csv.text(r, column).toLowerCase(Locale.ROOT);
        switch (v) {
            case "1", "1.0", "true" -> {
                return true;
            }
            case "0", "0.0", "false" -> {
                return false;
            }
            default ->
                throw new InputException(
                        csv.file(),
                        r.line(),
                        csv.header().get(column),
                        "the treatment must be 0 or 1, not '" + v + "'");
        }
    }

    private static JsonObjectBuilder json(
            CausalEstimate e, CausalSettings s, Path file, String treatment, String outcome) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("method", e.method().label())
                .add("estimand", e.estimand().label());
        num(b, "ate", e.estimate());
        num(b, "ciLow", e.ciLow());
        num(b, "ciHigh", e.ciHigh());
        b.add("n", e.n());
        JsonArrayBuilder refutations = Json.createArrayBuilder();
        for (Refutation r : e.refutations()) {
            JsonObjectBuilder rb =
                    Json.createObjectBuilder().add("name", r.name()).add("passed", r.passed());
            num(rb, "effect", r.effect());
            num(rb, "ciLow", r.ciLow());
            num(rb, "ciHigh", r.ciHigh());
            refutations.add(rb.add("detail", r.detail()));
        }
        b.add("refutations", refutations);
        b.add("verdict", e.verdict().label());
        b.add("direction", e.direction() == OutcomeDirection.LOWER_IS_BETTER ? "lower_is_better" : "higher_is_better");
        b.add("treatment", treatment).add("outcome", outcome).add("data", file.toString());
        num(b, "effect", e.estimate());
        num(b, "standardError", e.standardError());
        b.add("confidenceLevel", 0.95);
        b.add("nTreated", e.nTreated()).add("nControl", e.nControl());
        b.add(
                "bootstrap",
                Json.createObjectBuilder()
                        .add("resamples", e.resamples())
                        .add("seed", s.seed())
                        .add("failed", e.failedResamples())
                        .add("interval", e.intervalMethod().label()));
        num(b, "eValue", e.eValue());
        num(b, "eValueCi", e.eValueCi());

        var pf = e.diagnostics().propensity();
        Overlap ov = e.diagnostics().overlap();
        JsonObjectBuilder overlap = Json.createObjectBuilder();
        num(overlap, "treatedMin", ov.treatedMin());
        num(overlap, "treatedMax", ov.treatedMax());
        num(overlap, "controlMin", ov.controlMin());
        num(overlap, "controlMax", ov.controlMax());
        overlap.add("outsideCommonSupport", ov.outsideCommonSupport())
                .add("clipped", ov.clipped())
                .add("trimmed", ov.trimmed());
        num(overlap, "effectiveTreated", ov.effectiveTreated());
        num(overlap, "effectiveControl", ov.effectiveControl());
        JsonArrayBuilder balance = Json.createArrayBuilder();
        for (CovariateBalance cb : e.diagnostics().balance()) {
            JsonObjectBuilder bb = Json.createObjectBuilder().add("covariate", cb.covariate());
            num(bb, "smdBefore", cb.smdBefore());
            num(bb, "smdAfter", cb.smdAfter());
            balance.add(bb);
        }
        b.add(
                "diagnostics",
                Json.createObjectBuilder()
                        .add(
                                "propensity",
                                Json.createObjectBuilder()
                                        .add("converged", pf.converged())
                                        .add("iterations", pf.iterations())
                                        .add("separation", pf.separation())
                                        .add("message", pf.message()))
                        .add("overlap", overlap)
                        .add("balance", balance));
        JsonArrayBuilder estimators = Json.createArrayBuilder();
        for (EstimatorResult r : e.estimators()) {
            JsonObjectBuilder rb =
                    Json.createObjectBuilder().add("method", r.method().label());
            num(rb, "estimate", r.estimate());
            num(rb, "ciLow", r.ciLow());
            num(rb, "ciHigh", r.ciHigh());
            num(rb, "standardError", r.standardError());
            estimators.add(rb.add("interval", r.intervalMethod().label()));
        }
        b.add("estimators", estimators);
        JsonArrayBuilder warnings = Json.createArrayBuilder();
        e.warnings().forEach(warnings::add);
        b.add("warnings", warnings);
        return b;
    }

    /** JSON has no NaN: a figure that could not be computed is null. */
    private static void num(JsonObjectBuilder b, String key, double v) {
        if (Double.isFinite(v)) {
            b.add(key, v);
        } else {
            b.addNull(key);
        }
    }
}
