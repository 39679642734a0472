package org.zenmoon.analysis.recommend;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The A/B report's statistics: Wilson score intervals for each arm's 👍 rate and the pooled two-proportion z-test
 * between them (Agresti A, Coull BA. Approximate is better than "exact" for interval estimation of binomial
 * proportions. Am Stat. 1998;52(2):119-126; Newcombe RG. Two-sided confidence intervals for the single
 * proportion. Stat Med. 1998;17(8):857-872).
 *
 * <p>The test treats exposures as independent although one child answers many times; with sticky assignment per
 * child that understates the variance somewhat, which {@link AbSettings#minPerArm()} and a small alpha offset.
 */
public final class AbStatistics {

    private static final double Z95 = 1.959963984540054;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private AbStatistics() {}

    /** The Wilson score 95% interval; without exposures the rate is 0 and the interval the whole of [0, 1]. */
    public static Proportion wilson(long helpful, long n) {
        if (n < 0 || helpful < 0 || helpful > n) {
            throw new IllegalArgumentException("need 0 <= helpful <= n: " + helpful + "/" + n);
        }
        if (n == 0) {
            return new Proportion(0, 0, 1);
        }
        double p = (double) helpful / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Proportion(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Two-sided p-value of the pooled z-test of equal rates; 1 when an arm is empty or nothing varies. */
    public static double twoProportionPValue(ArmTally control, ArmTally candidate) {
        long n1 = control.exposures();
        long n2 = candidate.exposures();
        if (n1 == 0 || n2 == 0) {
            return 1.0;
        }
        double pooled = (double) (control.helpful() + candidate.helpful()) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return 1.0;
        }
        double z = (candidate.rate() - control.rate()) / se;
        return Math.min(1.0, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
    }

    /**
     * A group-sequential decision, so that looking after every answer does not inflate the false-promotion rate:
     * the test looks only when the smaller arm reaches {@code minPerArm}, then twice, four times ... as many
     * exposures, and look k uses the significance level {@code alpha / 2^k} (the levels sum to at most alpha, a
     * Bonferroni-style alpha spending). At a look, a significantly higher 👍 rate promotes and a significantly lower
     * one rolls back. Once both arms reach {@link AbSettings#maxPerArm()}, a final look at the next level decides,
     * and a candidate still not shown better is rolled back, so that every test ends.
     */
    public static AbDecision decide(ArmTally control, ArmTally candidate, AbSettings s) {
        long n = Math.min(control.exposures(), candidate.exposures());
        if (n < s.minPerArm()) {
            return AbDecision.CONTINUE;
        }
        boolean atLimit = control.exposures() >= s.maxPerArm() && candidate.exposures() >= s.maxPerArm();
        int look = look(n, s.minPerArm());
        if (look == 0 && !atLimit) {
            return AbDecision.CONTINUE;
        }
        // Looks passed so far: floor(log2(n / min)) + 1; the final look at the limit spends the next level.
        int passed = 64 - Long.numberOfLeadingZeros(n / s.minPerArm());
        int level = look > 0 ? look : passed + 1;
        if (twoProportionPValue(control, candidate) < levelAlpha(s.alpha(), level)) {
            return candidate.rate() > control.rate() ? AbDecision.PROMOTE : AbDecision.ROLLBACK;
        }
        return atLimit ? AbDecision.ROLLBACK : AbDecision.CONTINUE;
    }

    /** The significance level of look {@code k} (1, 2, ...): alpha / 2^k. */
    public static double levelAlpha(double alpha, int k) {
        return alpha / Math.pow(2, Math.min(k, 1000));
    }

    /** Which look (1, 2, ...) {@code n} exposures per arm is, or 0 between looks: looks at min·2^(k-1). */
    static int look(long n, long min) {
        if (n < min || n % min != 0) {
            return 0;
        }
        long q = n / min;
        return Long.bitCount(q) == 1 ? Long.numberOfTrailingZeros(q) + 1 : 0;
    }
}
