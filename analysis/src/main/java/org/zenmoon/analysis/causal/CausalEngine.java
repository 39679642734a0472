package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Estimates the effect of a binary treatment on an outcome, adjusted for the given confounders, with a 95%
 * interval, diagnostics, DoWhy's three refuters, the E-value and a verdict. The work is done by
 * {@link Estimators}, {@link Bootstrap}, {@link Refuters} and {@link PropensityDiagnostics}; this class puts
 * their answers together and says what went wrong.
 * Pure: the same data and settings give the same answer (resamples run in parallel but each has its own seed).
 */
public final class CausalEngine {

    private CausalEngine() {}

    /** The chosen estimator (plus the difference in means, which costs nothing). */
    public static CausalEstimate estimate(CausalData data, CausalSettings s) {
        return run(data, s, EnumSet.of(s.method(), Method.DIFFERENCE_IN_MEANS));
    }

    /** Every estimator on the same resamples; the headline figures are those of {@code s.method()}. */
    public static CausalEstimate estimateAll(CausalData data, CausalSettings s) {
        return run(data, s, EnumSet.allOf(Method.class));
    }

    /** Point estimates only, no bootstrap and no refuters (for sensitivity tables). */
    public static Map<Method, Double> pointEstimates(CausalData data, CausalSettings s) {
        Estimators est = new Estimators(data, s);
        Estimators.Estimates e = est.estimate(Estimators.ones(data.size()), Estimators.all());
        Map<Method, Double> out = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            out.put(m, e.value(m));
        }
        return out;
    }

    private static CausalEstimate run(CausalData input, CausalSettings s, Set<Method> methods) {
        requireBothArms(input.treatedCount(), input.size() - input.treatedCount());
        Estimators est = new Estimators(input, s);
        Set<Method> fit = EnumSet.copyOf(methods);
        fit.add(Method.IPW); // the diagnostics need the propensity scores
        Estimators.Estimates point = est.estimate(Estimators.ones(input.size()), fit);
        int[] keptRows = IntStream.range(0, input.size())
                .filter(i -> point.weights()[i] > 0)
                .toArray();
        int n1 = (int) IntStream.of(keptRows).filter(i -> est.t[i]).count();
        int n0 = keptRows.length - n1;
        requireBothArms(n1, n0);
        CausalData data = keptRows.length == input.size() ? input : input.rows(keptRows);

        List<String> warnings = new ArrayList<>();
        if (point.trimmed() > 0) {
            warnings.add(
                    point.trimmed() + " controls below the lowest propensity score of a treated unit were left out");
        }
        if (!est.design.dropped.isEmpty()) {
            warnings.add("constant covariates ignored: " + String.join(", ", est.design.dropped));
        }
        List<String> constantKept = constantAmongKept(est, point.weights());
        if (!constantKept.isEmpty()) {
            warnings.add("covariates constant among the rows kept after trimming, so ignored: "
                    + String.join(", ", constantKept));
        }
        Diagnostics diagnostics = PropensityDiagnostics.of(est, point, s);
        PropensityFit pf = diagnostics.propensity();
        if (!pf.converged()) {
            warnings.add("propensity model did not converge in " + pf.iterations() + " iterations");
        }
        if (pf.separation()) {
            warnings.add("propensity model shows separation: some units are (almost) certain to be treated or "
                    + "untreated, so weights and matches there cannot be trusted");
        }
        Bootstrap.Resamples boot = Bootstrap.draw(est, methods, s.bootstrap(), s.seed(), Bootstrap.groups(input));
        List<EstimatorResult> results = new ArrayList<>();
        for (Method m : methods) {
            Bootstrap.Interval ci = boot.interval(m);
            results.add(new EstimatorResult(m, point.value(m), ci.low(), ci.high(), ci.standardError()));
        }
        int failed = boot.failed(s.method());
        if (failed > 0) {
            warnings.add(failed + " of " + boot.size() + " resamples could not be estimated (an arm was empty)");
        }
        EstimatorResult main = results.stream()
                .filter(r -> r.method() == s.method())
                .findFirst()
                .orElseThrow();

        List<Refutation> refutations = List.of();
        if (s.refute()) {
            // The refuters work on the rows the analysis kept, which are already the common support.
            CausalSettings kept = s.withTrim(false);
            Estimators base = s.trim() && s.estimand() == Estimand.ATT ? new Estimators(data, kept) : est;
            refutations = Refuters.run(data, kept, base, main);
        }
        double sd = new StandardDeviation().evaluate(data.outcome());
        boolean enough = n1 >= s.minPerArm() && n0 >= s.minPerArm() && failed <= 0.1 * Math.max(1, boot.size());
        if (s.method().usesPropensity()) {
            enough &= !pf.separation()
                    && diagnostics.overlap().effectiveTreated() >= s.minPerArm()
                    && diagnostics.overlap().effectiveControl() >= s.minPerArm();
        }
        Verdict verdict = VerdictRule.decide(main.ciLow(), main.ciHigh(), s.direction(), refutations, enough);
        return new CausalEstimate(
                s.method(),
                s.estimand(),
                main.estimate(),
                main.ciLow(),
                main.ciHigh(),
                main.standardError(),
                keptRows.length,
                n1,
                n0,
                boot.size(),
                failed,
                diagnostics,
                refutations,
                EValue.of(main.estimate(), sd),
                EValue.ofInterval(main.ciLow(), main.ciHigh(), sd),
                verdict,
                s.direction(),
                results,
                warnings);
    }

    /** Kept covariates that are constant on the rows trimming left in (the data's constants are already out). */
    private static List<String> constantAmongKept(Estimators est, double[] kept) {
        Design d = est.design;
        List<String> out = new ArrayList<>();
        for (int k = 0; k < d.kept.size(); k++) {
            double first = Double.NaN;
            boolean constant = true;
            for (int i = 0; i < d.n && constant; i++) {
                if (kept[i] > 0) {
                    double v = d.standardised(i, k);
                    constant = Double.isNaN(first) || v == first;
                    first = v;
                }
            }
            if (constant) {
                out.add(d.kept.get(k));
            }
        }
        return out;
    }

    private static void requireBothArms(int n1, int n0) {
        if (n1 == 0 || n0 == 0) {
            throw new IllegalArgumentException("both arms need rows (treated: " + n1 + ", control: " + n0 + ")");
        }
    }
}
