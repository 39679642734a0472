package org.zenmoon.analysis.recommend;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The A/B test's statistics. Assignment is sticky per child and a family answers many times, so the answers are
 * clustered by child: children differ in how often they say 👍, and counting each answer as independent understates
 * the variance of an arm's rate by the design effect (about 1 + (n̄ − 1)·ICC for n̄ answers per child). The decision
 * therefore compares the arms' 👍 rates with a cluster-robust variance over children:
 *
 * <ul>
 *   <li>an arm's rate is the ratio estimator p̂ = Σ y_c / Σ n_c (child c gave n_c answers, y_c of them 👍), and its
 *       variance the CR1 sandwich over the arm's C children, var(p̂) = Σ_c (y_c − p̂ n_c)² / (N̄² · C(C − 1)), with
 *       N̄ the mean answers per child (Kish L. Survey Sampling, 1965, §6.4; Donner A, Klar N. Design and Analysis
 *       of Cluster Randomization Trials, 2000, ch. 6; Cameron AC, Miller DL. A practitioner's guide to
 *       cluster-robust inference. J Hum Resour. 2015;50(2):317-372);
 *   <li>the difference of the rates over the square root of the sum of both variances, never below the pooled
 *       binomial variance (👍 answers of one child are not negatively correlated, so an estimate below it is noise
 *       of a few children, and it keeps the test defined when every child of both arms answered alike);
 *   <li>referred to Student's t with C₁ + C₂ − 2 degrees of freedom, the usual small-sample reference for a
 *       comparison of two arms of clusters.
 * </ul>
 *
 * <p>With one answer per child this is the unpooled two-proportion test, within a factor C/(C − 1) of the pooled
 * one. The report keeps per arm a Wilson interval ({@link #wilson(long, long)}; Agresti A, Coull BA. Am Stat.
 * 1998;52(2):119-126; Newcombe RG. Stat Med. 1998;17(8):857-872), computed on the effective number of answers
 * n / deff ({@link #interval}), so that it stays inside [0, 1] and is as wide as the clustering makes it.
 * {@link #twoProportionPValue} is the pooled test that treats answers as independent, kept for comparison.
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
        return wilson((double) helpful / n, (double) n);
    }

    /** The Wilson score 95% interval of a rate observed on {@code n} (possibly fractional, effective) answers. */
    public static Proportion wilson(double p, double n) {
        if (!(p >= 0 && p <= 1) || !(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("need a rate in [0, 1] and a positive n: " + p + ", " + n);
        }
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Proportion(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * The cluster-robust (CR1) variance of the arm's 👍 rate, Σ_c (y_c − p̂ n_c)² / (N̄² · C(C − 1)); infinite with
     * fewer than two answering children (the spread between children cannot be estimated from one).
     */
    public static double rateVariance(ClusteredArm arm) {
        int c = arm.childCount();
        if (c < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double p = arm.rate();
        double sum = 0;
        for (ChildTally child : arm.children()) {
            double residual = child.helpful() - p * child.answers();
            sum += residual * residual;
        }
        double meanAnswers = (double) arm.exposures() / c;
        return sum / (meanAnswers * meanAnswers * c * (c - 1.0));
    }

    /**
     * The design effect of the arm's rate: its cluster-robust variance over the binomial one of as many independent
     * answers, at least 1 (an estimate below 1 is the noise of a few children). With fewer than two answering
     * children it is the answers per child (as if each child always answered alike); 1 when every answer is the
     * same or there is none.
     */
    public static double designEffect(ClusteredArm arm) {
        if (arm.exposures() == 0) {
            return 1;
        }
        if (arm.childCount() < 2) {
            return Math.max(1, (double) arm.exposures() / Math.max(1, arm.childCount()));
        }
        double p = arm.rate();
        double binomial = p * (1 - p) / arm.exposures();
        if (binomial == 0) {
            return 1;
        }
        return Math.max(1, rateVariance(arm) / binomial);
    }

    /**
     * The arm's 👍 rate with a 95% Wilson interval on the effective number of answers n / deff; without answers the
     * rate is 0 and the interval the whole of [0, 1].
     */
    public static Proportion interval(ClusteredArm arm) {
        if (arm.exposures() == 0) {
            return new Proportion(0, 0, 1);
        }
        return wilson(arm.rate(), arm.exposures() / designEffect(arm));
    }

    /**
     * Two-sided p-value of the pooled z-test of equal rates that treats every answer as independent; 1 when an arm
     * is empty or nothing varies. It understates the variance when children answer many times: the decision uses
     * {@link #clusteredPValue}.
     */
    public static double twoProportionPValue(ArmTally control, ArmTally candidate) {
        long n1 = control.exposures();
        long n2 = candidate.exposures();
        if (n1 == 0 || n2 == 0) {
            return 1.0;
        }
        double se = Math.sqrt(pooledVariance(control, candidate));
        if (se == 0) {
            return 1.0;
        }
        double z = (candidate.rate() - control.rate()) / se;
        return Math.min(1.0, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
    }

    /**
     * Two-sided p-value of equal 👍 rates with the cluster-robust variance (see the class comment): t = (p̂₂ − p̂₁) /
     * √max(var(p̂₁) + var(p̂₂), pooled binomial variance), on C₁ + C₂ − 2 degrees of freedom. 1 when an arm has fewer
     * than two answering children or nothing varies.
     */
    public static double clusteredPValue(ClusteredArm control, ClusteredArm candidate) {
        int c1 = control.childCount();
        int c2 = candidate.childCount();
        if (c1 < 2 || c2 < 2) {
            return 1.0;
        }
        double variance = Math.max(
                rateVariance(control) + rateVariance(candidate), pooledVariance(control.total(), candidate.total()));
        if (!(variance > 0)) {
            return 1.0;
        }
        double t = (candidate.rate() - control.rate()) / Math.sqrt(variance);
        TDistribution reference = new TDistribution(null, c1 + c2 - 2.0);
        return Math.min(1.0, 2 * reference.cumulativeProbability(-Math.abs(t)));
    }

    private static double pooledVariance(ArmTally control, ArmTally candidate) {
        long n1 = control.exposures();
        long n2 = candidate.exposures();
        double pooled = (double) (control.helpful() + candidate.helpful()) / (n1 + n2);
        return pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    }

    /**
     * A group-sequential decision on {@link #clusteredPValue}, so that looking after every answer does not inflate
     * the false-promotion rate: the test looks only when the smaller arm reaches {@code minPerArm} answers, then
     * twice, four times ... as many, and look k uses the significance level {@code alpha / 2^k} (the levels sum to
     * at most alpha, a Bonferroni-style alpha spending). At a look, a significantly higher 👍 rate promotes and a
     * significantly lower one rolls back. Once both arms reach {@link AbSettings#maxPerArm()}, a final look at the
     * next level decides, and a candidate still not shown better is rolled back, so that every test ends. While an
     * arm has fewer than {@link AbSettings#minChildrenPerArm()} answering children, the looks pass without a
     * decision (their alpha is not spent on a variance that rests on too few children); at the limit such a
     * candidate is rolled back, not having been shown better.
     */
    public static AbDecision decide(ClusteredArm control, ClusteredArm candidate, AbSettings s) {
        long n = Math.min(control.exposures(), candidate.exposures());
        if (n < s.minPerArm()) {
            return AbDecision.CONTINUE;
        }
        boolean atLimit = control.exposures() >= s.maxPerArm() && candidate.exposures() >= s.maxPerArm();
        int look = look(n, s.minPerArm());
        if (look == 0 && !atLimit) {
            return AbDecision.CONTINUE;
        }
        boolean enoughChildren = Math.min(control.childCount(), candidate.childCount()) >= s.minChildrenPerArm();
        // Looks passed so far: floor(log2(n / min)) + 1; the final look at the limit spends the next level.
        int passed = 64 - Long.numberOfLeadingZeros(n / s.minPerArm());
        int level = look > 0 ? look : passed + 1;
        if (enoughChildren && clusteredPValue(control, candidate) < levelAlpha(s.alpha(), level)) {
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
