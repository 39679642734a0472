package org.zenmoon.analysis.causal;

/** The outcome of a daily design and which way is better for it. */
public enum DailyOutcome {
    /** The day's evening stress score: lower is better. */
    EVENING_STRESS(OutcomeDirection.LOWER_IS_BETTER),
    /** Hours of sleep in the night after the day: higher is better. */
    SLEEP(OutcomeDirection.HIGHER_IS_BETTER);

    private final OutcomeDirection direction;

    DailyOutcome(OutcomeDirection direction) {
        this.direction = direction;
    }

    public OutcomeDirection direction() {
        return direction;
    }

    double of(DailyObservation d) {
        return this == EVENING_STRESS ? d.eveningStress() : d.sleepHours();
    }
}
