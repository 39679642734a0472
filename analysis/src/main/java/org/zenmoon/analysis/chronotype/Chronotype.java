package org.zenmoon.analysis.chronotype;

/**
 * A child's chronotype from detected sleep. Times are minutes after midnight, durations minutes; all are
 * {@code null} when {@code status} is {@link Status#INSUFFICIENT_DATA}, and {@code category} is also null when
 * the age is unknown.
 */
public record Chronotype(
        Status status,
        String reason,
        int nights,
        int schoolNights,
        int freeNights,
        Double msw,
        Double msf,
        Double msfSc,
        Double sleepDurationSchoolDays,
        Double sleepDurationFreeDays,
        Double sdWeek,
        Double socialJetlag,
        ChronotypeCategory category) {

    public enum Status {
        OK,
        INSUFFICIENT_DATA;

        public String label() {
            return this == OK ? "ok" : "insufficient_data";
        }
    }

    /** Too few nights for a chronotype: the counts and the reason, no figures. */
    public static Chronotype insufficient(String reason, int nights, int schoolNights, int freeNights) {
        return new Chronotype(
                Status.INSUFFICIENT_DATA,
                reason,
                nights,
                schoolNights,
                freeNights,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
