package org.zenmoon.analysis.recommend;

import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Epsilon-greedy over the top k: the best-ranked intervention with probability 1 - ε + ε/k, each of the next k - 1
 * with ε/k, the rest never. Ties go to the lower index, so the same scores give the same distribution. Every
 * choice is made with a known probability, which is what off-policy evaluation needs.
 */
public final class EpsilonGreedy {

    private EpsilonGreedy() {}

    public static double[] distribution(double[] scores, PolicySettings s) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no candidates to choose from");
        }
        int[] order = ranking(scores);
        int k = Math.min(s.topK(), scores.length);
        double[] p = new double[scores.length];
        for (int r = 0; r < k; r++) {
            p[order[r]] = s.epsilon() / k;
        }
        p[order[0]] += 1 - s.epsilon();
        return p;
    }

    public static Choice choose(List<String> candidateIds, double[] scores, PolicySettings s, RandomGenerator rng) {
        if (candidateIds.size() != scores.length) {
            throw new IllegalArgumentException(candidateIds.size() + " candidates but " + scores.length + " scores");
        }
        double[] p = distribution(scores, s);
        int[] order = ranking(scores);
        double u = rng.nextDouble();
        double cumulative = 0;
        int chosenRank = 0;
        // Walk in rank order so that rounding can only ever favour the best-ranked candidate with p > 0.
        for (int r = 0; r < order.length; r++) {
            if (p[order[r]] == 0) {
                break;
            }
            chosenRank = r;
            cumulative += p[order[r]];
            if (u < cumulative) {
                break;
            }
        }
        int index = order[chosenRank];
        return new Choice(candidateIds.get(index), index, p[index], chosenRank + 1);
    }

    /** Candidate indices from the best score to the worst, ties by index. */
    static int[] ranking(double[] scores) {
        for (double v : scores) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a score is NaN");
            }
        }
        return IntStream.range(0, scores.length)
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
