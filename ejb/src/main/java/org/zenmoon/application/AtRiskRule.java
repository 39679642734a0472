package org.zenmoon.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.zenmoon.domain.model.cohort.ChildTrend;

/**
 * When a child counts as at risk in a cohort's summary (docs/analyses/cohort-summary.md): the last
 * {@value #RECENT_DAYS} days against the child's own {@value #USUAL_DAYS} days before them, so that a child who
 * always sleeps little or is always tense is not flagged for being who they are, only for a change.
 *
 * <ul>
 *   <li>{@code sustained_stress}: mean stress of the recent days at least {@value #STRESS_RISE} above the usual
 *       mean, with stress readings on at least {@value #MIN_DAYS} days in each period;
 *   <li>{@code sleep_debt}: mean sleep of the recent nights at least {@value #SLEEP_DEBT_HOURS} h below the usual
 *       mean, with at least {@value #MIN_DAYS} nights in each period; a night counts when the device scored sleep
 *       or wake for at least 20 of its 24 hours (noon to noon), so that a night the device was off for is not
 *       taken for a short night;
 *   <li>{@code missed_wear}: fewer than half of the recent days' minutes recorded, counting only the time since the
 *       child's first recorded minute (a new device is not missed wear; a device never worn has no first minute).
 * </ul>
 *
 * Too little data for a reason means the reason is not raised, never that a figure is guessed.
 *
 * <p>The cohort summary (API) lists the reasons by code; the portal's cohort dashboard flags the same children for
 * the same reasons, and {@link #assess} gives it, per reason, the child's recent and usual figures and the
 * threshold crossed, which the dashboard names on hover. Missed wear needs no data beyond what the other two read:
 * the recent days' recorded minutes and the child's first recorded minute.
 */
final class AtRiskRule {

    static final int RECENT_DAYS = 7;
    static final int USUAL_DAYS = 28;
    static final int MIN_DAYS = 3;
    /** A night counts when the device gave a sleep state for 20 of its 24 hours (noon to noon). */
    static final int FULL_NIGHT_MINUTES = 20 * 60;

    static final double STRESS_RISE = 0.10;
    static final double SLEEP_DEBT_HOURS = 1.0;
    static final double MIN_WEAR_SHARE = 0.5;

    static final String SUSTAINED_STRESS = "sustained_stress";
    static final String SLEEP_DEBT = "sleep_debt";
    static final String MISSED_WEAR = "missed_wear";

    static final String IN_WORDS =
            "Compares each child's last 7 days (days of the tenant's time zone) with the child's own 28 days before"
                    + " them. sustained_stress: mean stress of the last 7 days at least 0.10 above the child's 28-day mean,"
                    + " with stress readings on at least 3 days in each period. sleep_debt: mean sleep of the last 7 nights at"
                    + " least 1 hour below the child's 28-night mean, with at least 3 nights in each period (a night counts when"
                    + " the device scored sleep or wake for 20 of its 24 hours, noon to noon)."
                    + " missed_wear: fewer than half of the last 7 days' minutes recorded, counting only the time since the"
                    + " child's first recorded minute. Only children with active analysis consent are assessed.";

    /** A small tolerance, so that a difference of exactly the threshold is not lost to rounding. */
    private static final double EPSILON = 1e-9;

    private AtRiskRule() {}

    /** The reasons for which {@code child} is at risk, in the order above; empty when none. */
    static List<String> reasons(ChildTrend child, Instant recentFrom, Instant to) {
        return assess(child, recentFrom, to).stream().map(AtRiskReason::code).toList();
    }

    /**
     * The conditions that fired for {@code child}, in the order above, each with the child's figures and the
     * threshold it crossed; empty when none, or when the child was not analysed.
     */
    static List<AtRiskReason> assess(ChildTrend child, Instant recentFrom, Instant to) {
        List<AtRiskReason> reasons = new ArrayList<>();
        if (!child.analysed()) {
            return reasons;
        }
        if (child.recentStressDays() >= MIN_DAYS && child.usualStressDays() >= MIN_DAYS) {
            double recent = mean(child.recentStressSum(), child.recentStressReadings());
            double usual = mean(child.usualStressSum(), child.usualStressReadings());
            if (recent - usual >= STRESS_RISE - EPSILON) {
                reasons.add(new AtRiskReason(SUSTAINED_STRESS, recent, usual, STRESS_RISE));
            }
        }
        if (child.recentNights() >= MIN_DAYS && child.usualNights() >= MIN_DAYS) {
            double recentMinutes = (double) child.recentSleepMinutes() / child.recentNights();
            double usualMinutes = (double) child.usualSleepMinutes() / child.usualNights();
            if (usualMinutes - recentMinutes >= SLEEP_DEBT_HOURS * 60 - EPSILON) {
                reasons.add(new AtRiskReason(SLEEP_DEBT, recentMinutes / 60, usualMinutes / 60, SLEEP_DEBT_HOURS));
            }
        }
        if (child.firstEpoch() != null && child.firstEpoch().isBefore(to)) {
            Instant since = child.firstEpoch().isAfter(recentFrom) ? child.firstEpoch() : recentFrom;
            long expected = Duration.between(since, to).toMinutes();
            if (expected > 0 && child.recentMinutes() < MIN_WEAR_SHARE * expected) {
                reasons.add(
                        new AtRiskReason(MISSED_WEAR, (double) child.recentMinutes() / expected, null, MIN_WEAR_SHARE));
            }
        }
        return reasons;
    }

    private static double mean(double sum, long n) {
        return sum / n;
    }
}
