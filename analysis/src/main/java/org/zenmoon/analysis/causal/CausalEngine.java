package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Estimates the effect of a binary treatment on an outcome, adjusted for the given confounders, with a 95%
 * interval, diagnostics, DoWhy's three refuters, the E-value and a verdict. The work is done by
 * {@link Estimators} (with {@link Matching}), {@link Bootstrap}, {@link Refuters} and
 * {@link PropensityDiagnostics}; this class puts their answers together and says what went wrong.
 * Pure: the same data and settings give the same answer (resamples run in parallel but each has its own seed).
 */
public final class CausalEngine {

    /** The standard normal's 97.5% quantile, for normal-approximation intervals. */
    static final double Z_975 = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);

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
        Diagnostics diagnostics = PropensityDiagnostics.of(est, point, s);
        List<String> warnings = fitWarnings(est, point, diagnostics.propensity());

        // Matching's interval comes from its Abadie-Imbens standard error, not from the bootstrap.
        Set<Method> resampled = EnumSet.copyOf(methods);
        resampled.remove(Method.MATCHING);
        Bootstrap.Resamples boot = Bootstrap.draw(est, resampled, s.bootstrap(), s.seed(), Bootstrap.groups(input));
        List<EstimatorResult> results = new ArrayList<>();
        for (Method m : methods) {
            if (m == Method.MATCHING) {
                Matching.Result mr = est.matching(point);
                Bootstrap.Interval ci = normalInterval(mr);
                results.add(new EstimatorResult(
                        m,
                        mr.estimate(),
                        ci.low(),
                        ci.high(),
                        ci.standardError(),
                        IntervalMethod.ABADIE_IMBENS_NORMAL));
                warnings.addAll(matchingWarnings(mr, s));
            } else {
                Bootstrap.Interval ci = boot.interval(m);
                results.add(new EstimatorResult(
                        m,
                        point.value(m),
                        ci.low(),
                        ci.high(),
                        ci.standardError(),
                        IntervalMethod.PERCENTILE_BOOTSTRAP));
            }
        }
        int failed = resampled.contains(s.method()) ? boot.failed(s.method()) : 0;
        if (failed > 0) {
            warnings.add(failed + " of " + boot.size() + " resamples could not be estimated (an arm was empty)");
        }
        if (boot.singular() > 0) {
            warnings.add("in " + boot.singular() + " of " + boot.size() + " resamples a covariate was constant or "
                    + "collinear within an arm, so that arm's model left it out (its effect there taken as 0)");
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
            Refuters.Outcome refuted = Refuters.run(data, kept, base, main);
            refutations = refuted.refutations();
            if (refuted.singular() > 0) {
                warnings.add("in " + refuted.singular() + " of the refuters' estimations a model left a constant or "
                        + "collinear covariate out");
            }
        }
        boolean enough = n1 >= s.minPerArm() && n0 >= s.minPerArm() && failed <= 0.1 * Math.max(1, boot.size());
        if (s.method().usesPropensity()) {
            enough &= !diagnostics.propensity().separation()
                    && diagnostics.overlap().effectiveTreated() >= s.minPerArm()
                    && diagnostics.overlap().effectiveControl() >= s.minPerArm();
        }
        double sd = new StandardDeviation().evaluate(data.outcome());
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
                VerdictRule.decide(main.ciLow(), main.ciHigh(), s.direction(), refutations, enough),
                s.direction(),
                results,
                warnings);
    }

    /** What the fit of the data says about itself: trimming, covariates left out, the propensity model. */
    private static List<String> fitWarnings(Estimators est, Estimators.Estimates point, PropensityFit pf) {
        List<String> warnings = new ArrayList<>();
        if (point.trimmed() > 0) {
            warnings.add(
                    point.trimmed() + " controls below the lowest propensity score of a treated unit were left out");
        }
        if (!est.design.dropped.isEmpty()) {
            warnings.add("constant covariates ignored: " + String.join(", ", est.design.dropped));
        }
        List<String> redundant = redundantAmongKept(est, point.weights());
        if (!redundant.isEmpty()) {
            warnings.add("covariates constant, or a combination of the other covariates, on the rows analysed, so "
                    + "left out of every model: " + String.join(", ", redundant));
        }
        if (!pf.converged()) {
            warnings.add("propensity model did not converge in " + pf.iterations() + " iterations");
        }
        if (pf.separation()) {
            warnings.add("propensity model shows separation: some units are (almost) certain to be treated or "
                    + "untreated, so weights and matches there cannot be trusted");
        }
        point.singular().forEach((m, aliased) -> warnings.add(aliasedWarning(m, columns(est, aliased))));
        return warnings;
    }

    /** Estimate ± z(0.975)·SE with matching's Abadie–Imbens standard error. */
    static Bootstrap.Interval normalInterval(Matching.Result m) {
        double se = m.standardError();
        if (!Double.isFinite(m.estimate()) || !Double.isFinite(se)) {
            return new Bootstrap.Interval(Double.NaN, Double.NaN, se);
        }
        return new Bootstrap.Interval(m.estimate() - Z_975 * se, m.estimate() + Z_975 * se, se);
    }

    private static List<String> matchingWarnings(Matching.Result m, CausalSettings s) {
        List<String> out = new ArrayList<>();
        String caliper = String.format(
                Locale.ROOT,
                "the caliper (%.3g pooled SDs of the logit of the propensity score = %.3g)",
                s.caliper(),
                m.caliperWidth());
        if (m.unmatchedTreated() > 0) {
            out.add("matching: " + m.unmatchedTreated() + " of " + (m.matchedTreated() + m.unmatchedTreated())
                    + " treated units had no control within " + caliper + " and were left out");
        }
        if (m.unmatchedControls() > 0) {
            out.add("matching: " + m.unmatchedControls() + " of " + (m.matchedControls() + m.unmatchedControls())
                    + " controls had no treated unit within " + caliper + " and were left out");
        }
        return out;
    }

    private static List<String> redundantAmongKept(Estimators est, double[] kept) {
        boolean[] active = est.design.active(kept);
        boolean[] inactive = new boolean[active.length];
        for (int k = 1; k < est.design.q; k++) { // the covariates; a group without rows is no covariate
            inactive[k] = !active[k];
        }
        return columns(est, inactive);
    }

    private static String aliasedWarning(Estimators.Model m, List<String> names) {
        boolean one = names.size() == 1;
        return "the " + m.label + " is singular: " + String.join(", ", names) + (one ? " is" : " are")
                + " constant or collinear with the other covariates among the rows it is fitted on, so "
                + (one ? "it was" : "they were") + " left out of that model (the effect there taken as 0)";
    }

    /**
     * The covariate names of the marked design columns (column 0 is the intercept), then with fixed effects
     * the marked groups ("fixed effect 7": the group's id in the data).
     */
    private static List<String> columns(Estimators est, boolean[] marked) {
        List<String> out = new ArrayList<>();
        Design d = est.design;
        for (int k = 0; k < marked.length; k++) {
            if (marked[k]) {
                out.add(k == 0 ? "the intercept" : k < d.q ? d.kept.get(k - 1) : "fixed effect " + d.groupIds[k - d.q]);
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
