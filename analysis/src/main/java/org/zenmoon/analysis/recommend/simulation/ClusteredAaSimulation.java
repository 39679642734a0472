package org.zenmoon.analysis.recommend.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.zenmoon.analysis.recommend.AbDecision;
import org.zenmoon.analysis.recommend.AbSettings;
import org.zenmoon.analysis.recommend.AbStatistics;
import org.zenmoon.analysis.recommend.ChildTally;
import org.zenmoon.analysis.recommend.ClusteredArm;

/**
 * A/A tests (both arms equally good) with children who differ in how often they say 👍: how often does a test find
 * a difference that is not there? Each child has its own 👍 rate, drawn from a Beta distribution around the arms'
 * common rate, and answers several times, so the answers are clustered by child as they are in the server's A/B
 * test. Deterministic for a seed.
 */
public final class ClusteredAaSimulation {

    /**
     * The children of an A/A test.
     *
     * @param childrenPerArm children in each arm
     * @param minAnswers     the fewest answers a child gives in a fixed-size test
     * @param maxAnswers     the most (each child's count uniform between the two)
     * @param mean           the arms' common 👍 rate
     * @param concentration  κ of the children's own rates, Beta(mean·κ, (1 − mean)·κ): the smaller, the more
     *                       children differ (answers of one child correlate by 1 / (κ + 1)); infinite for children
     *                       alike, whose answers are independent
     */
    public record Children(int childrenPerArm, int minAnswers, int maxAnswers, double mean, double concentration) {

        /** Both arms at 0.45 👍, children's rates Beta(0.9, 1.1) (correlation 1/3), 10–40 answers, 40 per arm. */
        public static Children strongSpread() {
            return new Children(40, 10, 40, 0.45, 2);
        }

        BetaDistribution rates(RandomGenerator rng) {
            return Double.isInfinite(concentration)
                    ? null
                    : new BetaDistribution(rng, mean * concentration, (1 - mean) * concentration);
        }

        String describe() {
            return Double.isInfinite(concentration)
                    ? String.format(Locale.ROOT, "children alike (%.2f)", mean)
                    : String.format(
                            Locale.ROOT, "rates Beta(%.2f, %.2f)", mean * concentration, (1 - mean) * concentration);
        }
    }

    /** Fixed-size A/A tests: the share that the pooled and the cluster-robust test find significant. */
    public record FixedResult(int experiments, double pooledFalseRate, double clusteredFalseRate) {}

    /** Sequential A/A tests decided after every answer: the share promoted and the share decided either way. */
    public record SequentialResult(int experiments, double falsePromotionRate, double falseDecisionRate) {}

    private ClusteredAaSimulation() {}

    /** {@code experiments} A/A tests of fixed size, each tested once at {@code alpha}, both ways. */
    public static FixedResult fixed(Children c, int experiments, double alpha, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        BetaDistribution rates = c.rates(rng);
        int pooled = 0;
        int clustered = 0;
        for (int e = 0; e < experiments; e++) {
            ClusteredArm a = arm(c, rates, rng);
            ClusteredArm b = arm(c, rates, rng);
            pooled += AbStatistics.twoProportionPValue(a.total(), b.total()) < alpha ? 1 : 0;
            clustered += AbStatistics.clusteredPValue(a, b) < alpha ? 1 : 0;
        }
        return new FixedResult(experiments, (double) pooled / experiments, (double) clustered / experiments);
    }

    /**
     * {@code experiments} A/A tests decided by {@link AbStatistics#decide} after every answer, as the server does:
     * each answer comes from a child drawn at random among both arms' children, until the test decides. A false
     * decision is a promotion, or a rollback before the limit (at the limit a candidate not shown better is rolled
     * back by design).
     */
    public static SequentialResult sequential(Children c, AbSettings s, int experiments, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        BetaDistribution rates = c.rates(rng);
        int k = c.childrenPerArm();
        int promoted = 0;
        int decided = 0;
        for (int e = 0; e < experiments; e++) {
            double[] rate = new double[2 * k];
            for (int i = 0; i < rate.length; i++) {
                rate[i] = rates == null ? c.mean() : rates.sample();
            }
            ChildTally[] tallies = new ChildTally[2 * k];
            Arrays.fill(tallies, new ChildTally(0, 0));
            long[] answers = new long[2];
            AbDecision d = AbDecision.CONTINUE;
            while (d == AbDecision.CONTINUE) {
                int i = rng.nextInt(2 * k);
                tallies[i] = tallies[i].plus(rng.nextDouble() < rate[i]);
                answers[i / k]++;
                List<ChildTally> all = Arrays.asList(tallies);
                d = AbStatistics.decide(
                        new ClusteredArm(all.subList(0, k)), new ClusteredArm(all.subList(k, 2 * k)), s);
            }
            boolean atLimit = answers[0] >= s.maxPerArm() && answers[1] >= s.maxPerArm();
            promoted += d == AbDecision.PROMOTE ? 1 : 0;
            decided += d == AbDecision.PROMOTE || !atLimit ? 1 : 0;
        }
        return new SequentialResult(experiments, (double) promoted / experiments, (double) decided / experiments);
    }

    private static ClusteredArm arm(Children c, BetaDistribution rates, RandomGenerator rng) {
        List<ChildTally> out = new ArrayList<>();
        for (int i = 0; i < c.childrenPerArm(); i++) {
            double rate = rates == null ? c.mean() : rates.sample();
            int answers = c.minAnswers() + rng.nextInt(c.maxAnswers() - c.minAnswers() + 1);
            int helpful = 0;
            for (int j = 0; j < answers; j++) {
                helpful += rng.nextDouble() < rate ? 1 : 0;
            }
            out.add(new ChildTally(answers, helpful));
        }
        return new ClusteredArm(out);
    }

    /** Prints the figures of docs/RECOMMENDER.md, "A/B test and promotion". */
    public static void main(String[] args) {
        for (int k : new int[] {40, 20, 10, 5}) {
            Children c = new Children(k, 10, 40, 0.45, 2);
            FixedResult r = fixed(c, 2000, 0.05, 20261214L);
            System.out.printf(
                    Locale.ROOT,
                    "fixed A/A, %d children per arm, %d-%d answers each, %s, %d tests at alpha 0.05: pooled test"
                            + " %.1f%% false decisions, cluster-robust %.1f%%%n",
                    k,
                    c.minAnswers(),
                    c.maxAnswers(),
                    c.describe(),
                    r.experiments(),
                    100 * r.pooledFalseRate(),
                    100 * r.clusteredFalseRate());
        }
        AbSettings s = new AbSettings(30, 0.05, 240);
        for (Children c :
                new Children[] {new Children(40, 1, 1, 0.5, Double.POSITIVE_INFINITY), Children.strongSpread()}) {
            SequentialResult r = sequential(c, s, 1000, 14L);
            System.out.printf(
                    Locale.ROOT,
                    "sequential A/A (min-per-arm 30, max-per-arm 240, alpha 0.05, a look after every answer), %d"
                            + " children per arm, %s, %d tests: %.1f%% promoted, %.1f%% decided either way before the"
                            + " limit%n",
                    c.childrenPerArm(),
                    c.describe(),
                    r.experiments(),
                    100 * r.falsePromotionRate(),
                    100 * r.falseDecisionRate());
        }
    }
}
