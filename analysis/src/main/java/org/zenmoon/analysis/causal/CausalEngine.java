package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Estimates the effect of a binary treatment on an outcome, adjusted for the given confounders, with a
 * seeded bootstrap interval, diagnostics, DoWhy's three refuters, the E-value and a verdict. The work is done
 * by {@link Estimators}, {@link Bootstrap}, {@link Refuters} and {@link PropensityDiagnostics}; this class puts
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
    public static Map<Method, Double> pointEstimates(CausalData input, CausalSettings s) {
        CausalData data = s.trim() && s.estimand() == Estimand.ATT ? trimmed(input, s) : input;
        Estimators est = new Estimators(data, s);
        double[] v = est.estimate(ones(data.size()), Estimators.all());
        Map<Method, Double> out = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            out.put(m, v[m.ordinal()]);
        }
        return out;
    }

    private static CausalEstimate run(CausalData input, CausalSettings s, Set<Method> methods) {
        requireBothArms(input.treatedCount(), input.size() - input.treatedCount());
        CausalData data = s.trim() && s.estimand() == Estimand.ATT ? trimmed(input, s) : input;
        int trimmed = input.size() - data.size();
        int n = data.size();
        int n1 = data.treatedCount();
        int n0 = n - n1;
        requireBothArms(n1, n0);
        List<String> warnings = new ArrayList<>();
        Estimators est = new Estimators(data, s);
        if (trimmed > 0) {
            warnings.add(trimmed + " controls below the lowest propensity score of a treated unit were left out");
        }
        if (!est.design.dropped.isEmpty()) {
            warnings.add("constant covariates ignored: " + String.join(", ", est.design.dropped));
        }
        Set<Method> fitAll = EnumSet.copyOf(methods);
        fitAll.add(Method.IPW); // the diagnostics need the propensity scores
        Estimators.Fitted[] fitted = new Estimators.Fitted[1];
        double[] point = est.estimate(ones(n), fitAll, fitted);
        Diagnostics diagnostics = PropensityDiagnostics.of(est, fitted[0], s, trimmed);
        PropensityFit pf = diagnostics.propensity();
        if (!pf.converged()) {
            warnings.add("propensity model did not converge in " + pf.iterations() + " iterations");
        }
        if (pf.separation()) {
            warnings.add("propensity model shows separation: some units are (almost) certain to be treated or "
                    + "untreated, so weights and matches there cannot be trusted");
        }

        Bootstrap.Resamples boot = Bootstrap.draw(est, methods, s.bootstrap(), s.seed(), Bootstrap.groups(data));
        List<EstimatorResult> results = new ArrayList<>();
        for (Method m : methods) {
            Bootstrap.Interval ci = boot.interval(m);
            results.add(new EstimatorResult(m, point[m.ordinal()], ci.low(), ci.high(), ci.standardError()));
        }
        int failed = boot.failed(s.method());
        if (failed > 0) {
            warnings.add(failed + " of " + boot.size() + " resamples could not be estimated (an arm was empty)");
        }
        EstimatorResult main = results.stream()
                .filter(r -> r.method() == s.method())
                .findFirst()
                .orElseThrow();

        List<Refutation> refutations = s.refute() ? Refuters.run(data, s, est, main) : List.of();
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
                n,
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

    /** Dehejia and Wahba's common support for ATT: controls scoring below every treated unit are dropped. */
    static CausalData trimmed(CausalData data, CausalSettings s) {
        Estimators est = new Estimators(data, s);
        double min = Double.POSITIVE_INFINITY;
        double[] e = new double[data.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = Fits.sigmoid(est.design.dot(i, est.fullBeta));
            if (data.treatedAt(i)) {
                min = Math.min(min, e[i]);
            }
        }
        double lowest = min;
        int[] keep = IntStream.range(0, e.length)
                .filter(i -> data.treatedAt(i) || e[i] >= lowest)
                .toArray();
        return keep.length == e.length ? data : data.rows(keep);
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    private static void requireBothArms(int n1, int n0) {
        if (n1 == 0 || n0 == 0) {
            throw new IllegalArgumentException("both arms need rows (treated: " + n1 + ", control: " + n0 + ")");
        }
    }
}
