package org.zenmoon.analysis.chronotype;

/**
 * The answers of the standard MCTQ that its formulas use. Clock times are minutes after midnight, durations are
 * minutes; {@code null} means "not answered, or the answer was unusable".
 *
 * @param workDays WD, work (school) days per week, 0..7
 */
public record MctqAnswers(Integer workDays, Section workdays, Section freeDays) {

    /** One half of the questionnaire (workdays or free days). */
    public record Section(Double sleepPreparation, Double sleepLatency, Double sleepEnd, Boolean alarm) {

        public static final Section EMPTY = new Section(null, null, null, null);

        boolean complete() {
            return sleepPreparation != null && sleepLatency != null && sleepEnd != null;
        }
    }
}
