package org.zenmoon.application;

import java.io.Serializable;
import java.util.List;

/**
 * One condition of {@link AtRiskRule} that fired for a child, with the child's own figures that made it fire, so
 * that the portal can say why in words.
 *
 * @param code {@code sustained_stress}, {@code sleep_debt} or {@code missed_wear}, as in the cohort summary
 * @param recent the child's figure for the recent {@value #RECENT_DAYS} days: mean stress (0 to 1), hours asleep per
 *     counted night, or the share (0 to 1) of the minutes since the child's first recorded minute that were recorded
 * @param usual the same figure over the child's own {@value #USUAL_DAYS} days before them; null for
 *     {@code missed_wear}, which has no baseline
 * @param threshold the rule's threshold: the rise in mean stress, the hours of sleep lost per night, the share of
 *     minutes below which wear counts as missed
 */
public record AtRiskReason(String code, double recent, Double usual, double threshold) implements Serializable {

    public static final int RECENT_DAYS = AtRiskRule.RECENT_DAYS;
    public static final int USUAL_DAYS = AtRiskRule.USUAL_DAYS;
    public static final int MIN_DAYS = AtRiskRule.MIN_DAYS;
    public static final double STRESS_RISE = AtRiskRule.STRESS_RISE;
    public static final double SLEEP_DEBT_HOURS = AtRiskRule.SLEEP_DEBT_HOURS;
    public static final double MIN_WEAR_SHARE = AtRiskRule.MIN_WEAR_SHARE;
    /** The codes, in the rule's order. */
    public static final List<String> CODES =
            List.of(AtRiskRule.SUSTAINED_STRESS, AtRiskRule.SLEEP_DEBT, AtRiskRule.MISSED_WEAR);

    public String getCode() {
        return code;
    }
}
