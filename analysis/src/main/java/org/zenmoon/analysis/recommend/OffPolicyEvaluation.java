package org.zenmoon.analysis.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How well a model would have done, estimated from decisions another policy made: inverse propensity scoring
 * (IPS), self-normalised IPS and the doubly robust estimator (Dudík, Langford, Li, "Doubly Robust Policy
 * Evaluation and Learning", ICML 2011). The target policy is the model served the way production serves it
 * ({@link EpsilonGreedy} with the given settings) over the logged candidates.
 *
 * <p>A decision is used when all its candidates are in the catalogue; a catalogue change leaves older decisions
 * out rather than guessing what they offered. The reward model supplies the doubly robust estimator's
 * predictions; it should be trained on decisions other than the ones evaluated.
 */
public final class OffPolicyEvaluation {

    private static final double Z95 = 1.959963984540054;

    private OffPolicyEvaluation() {}

    public static PolicyValue value(
            List<LoggedDecision> logs,
            LinearModel target,
            LinearModel rewardModel,
            FeatureEncoder enc,
            InterventionCatalogue cat,
            PolicySettings s) {
        Terms t = terms(logs, target, rewardModel, enc, cat, s);
        return t.value();
    }

    /**
     * The candidate and the current model on the same held-out decisions. The difference of the doubly robust
     * estimates is the mean of the per-decision differences, so its interval accounts for the pairing.
     */
    public static Comparison compare(
            List<LoggedDecision> heldOut,
            LinearModel candidate,
            LinearModel current,
            LinearModel rewardModel,
            FeatureEncoder enc,
            InterventionCatalogue cat,
            PolicySettings s,
            double tolerance) {
        return compare(heldOut, candidate, s, current, s, rewardModel, enc, cat, tolerance);
    }

    /**
     * As {@link #compare(List, LinearModel, LinearModel, LinearModel, FeatureEncoder, InterventionCatalogue,
     * PolicySettings, double)}, each model with the exploration it is (or would be) served with: a cold start, for
     * one, explores uniformly.
     */
    public static Comparison compare(
            List<LoggedDecision> heldOut,
            LinearModel candidate,
            PolicySettings candidatePolicy,
            LinearModel current,
            PolicySettings currentPolicy,
            LinearModel rewardModel,
            FeatureEncoder enc,
            InterventionCatalogue cat,
            double tolerance) {
        Terms a = terms(heldOut, candidate, rewardModel, enc, cat, candidatePolicy);
        Terms b = terms(heldOut, current, rewardModel, enc, cat, currentPolicy);
        int n = a.dr.length;
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = a.dr[i] - b.dr[i];
        }
        double mean = mean(diff);
        double se = standardError(diff, mean);
        return new Comparison(
                a.value(), b.value(), mean, mean - Z95 * se, mean + Z95 * se, n > 0 && mean >= -tolerance);
    }

    /** The earliest (1 - heldOutShare) of the decisions for training, the latest for evaluation. */
    public static Split splitByTime(List<LoggedDecision> logs, double heldOutShare) {
        if (!(heldOutShare > 0 && heldOutShare < 1)) {
            throw new IllegalArgumentException("heldOutShare must be in (0, 1): " + heldOutShare);
        }
        List<LoggedDecision> sorted = new ArrayList<>(logs);
        sorted.sort(Comparator.comparing(LoggedDecision::at)); // stable: equal times keep their order
        int heldOut = (int) Math.round(sorted.size() * heldOutShare);
        int cut = sorted.size() - heldOut;
        return new Split(sorted.subList(0, cut), sorted.subList(cut, sorted.size()));
    }

    /** Per-decision IPS weights·rewards, weights and DR terms. */
    private record Terms(double[] ips, double[] weight, double[] dr) {
        PolicyValue value() {
            int n = dr.length;
            if (n == 0) {
                return new PolicyValue(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double weights = 0;
            for (double w : weight) {
                weights += w;
            }
            double ipsMean = mean(ips);
            double snips = weights > 0 ? ipsMean * n / weights : 0;
            double drMean = mean(dr);
            return new PolicyValue(ipsMean, snips, drMean, standardError(dr, drMean), n);
        }
    }

    private static Terms terms(
            List<LoggedDecision> logs,
            LinearModel target,
            LinearModel rewardModel,
            FeatureEncoder enc,
            InterventionCatalogue cat,
            PolicySettings s) {
        requireFits(target, enc, "target");
        requireFits(rewardModel, enc, "reward model");
        List<double[]> rows = new ArrayList<>();
        for (LoggedDecision d : logs) {
            List<Intervention> candidates = new ArrayList<>();
            for (String id : d.candidateIds()) {
                cat.byId(id).ifPresent(candidates::add);
            }
            if (candidates.size() != d.candidateIds().size()) {
                continue;
            }
            float[][] x = enc.encodeAll(d.context(), candidates);
            double[] pi = EpsilonGreedy.distribution(target.score(x), s);
            double[] predicted = rewardModel.score(x);
            int chosen = d.candidateIds().indexOf(d.chosenId());
            double w = pi[chosen] / d.propensity();
            double direct = 0;
            for (int a = 0; a < pi.length; a++) {
                direct += pi[a] * predicted[a];
            }
            rows.add(new double[] {w * d.reward(), w, direct + w * (d.reward() - predicted[chosen])});
        }
        int n = rows.size();
        double[] ips = new double[n];
        double[] weight = new double[n];
        double[] dr = new double[n];
        for (int i = 0; i < n; i++) {
            ips[i] = rows.get(i)[0];
            weight[i] = rows.get(i)[1];
            dr[i] = rows.get(i)[2];
        }
        return new Terms(ips, weight, dr);
    }

    private static void requireFits(LinearModel m, FeatureEncoder enc, String what) {
        if (!m.fits(enc)) {
            throw new IllegalArgumentException("the " + what + " was trained on other features (" + m + ")");
        }
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    /** Sample standard deviation over √n; 0 for fewer than two values. */
    private static double standardError(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
