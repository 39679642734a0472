package org.zenmoon.analysis.causal;

import java.util.List;

/**
 * The verdict, in this order:
 * <ol>
 *   <li>{@code insufficient_data}: fewer than {@code minPerArm} rows in an arm; an effective sample size
 *       (after weighting) below {@code minPerArm} in an arm; separation in the propensity model of an
 *       estimator that uses it; or no usable interval (no bootstrap, or more than 10% of resamples failed).</li>
 *   <li>{@code no_evidence}: the 95% interval contains 0, or any refutation failed.</li>
 *   <li>{@code helps} / {@code harms}: the whole interval lies on the good / bad side of 0, where the good
 *       side is given by the outcome's {@link OutcomeDirection}.</li>
 * </ol>
 * With no true effect, the interval excludes 0 in about 5% of analyses (its nominal level), so at most about
 * 5% of null analyses get helps or harms; the refuters only lower that rate.
 */
public final class VerdictRule {

    private VerdictRule() {}

    public static Verdict decide(
            double ciLow, double ciHigh, OutcomeDirection direction, List<Refutation> refutations, boolean enoughData) {
        if (!enoughData || !Double.isFinite(ciLow) || !Double.isFinite(ciHigh)) {
            return Verdict.INSUFFICIENT_DATA;
        }
        if ((ciLow <= 0 && ciHigh >= 0) || refutations.stream().anyMatch(r -> !r.passed())) {
            return Verdict.NO_EVIDENCE;
        }
        boolean positive = ciLow > 0;
        boolean good = positive == (direction.sign() > 0);
        return good ? Verdict.HELPS : Verdict.HARMS;
    }
}
