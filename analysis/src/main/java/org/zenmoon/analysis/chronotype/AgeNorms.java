package org.zenmoon.analysis.chronotype;

/**
 * Age-dependent reference for MSFsc. Chronotype gets later through childhood and adolescence, peaks at about
 * 19.5 years (women) and 20.9 (men), then gets earlier again (Roenneberg T et al. A marker for the end of
 * adolescence. Curr Biol 2004;14:R1038-9, Fig. 1). The reference is a piecewise-linear reading of that
 * population curve (about +12 min a year from age 6 to the peak), so the same MSFsc of 04:30 is late for a
 * 9-year-old and ordinary for an 18-year-old. A child is an early bird when MSFsc is more than {@code bandMinutes}
 * earlier than the reference for the age, a night owl when more than {@code bandMinutes} later; the default band
 * of 60 min is about one standard deviation of MSFsc in Roenneberg's samples. Values are approximate and
 * configurable; see docs/analyses/sleep-chronotype.md.
 */
public record AgeNorms(double bandMinutes) {

    public static final AgeNorms DEFAULT = new AgeNorms(60);

    /** (age in years, reference MSFsc in minutes after midnight), read from Roenneberg et al. 2004, Fig. 1. */
    private static final double[][] REFERENCE = {
        {6, 2 * 60 + 40},
        {10, 3 * 60 + 10},
        {14, 4 * 60},
        {17, 4 * 60 + 40},
        {20, 5 * 60},
        {30, 4 * 60 + 15},
        {50, 3 * 60 + 30},
        {65, 3 * 60}
    };

    /** The reference MSFsc (minutes after midnight) for an age in years. */
    public double referenceMsfSc(double age) {
        if (age <= REFERENCE[0][0]) {
            return REFERENCE[0][1];
        }
        for (int i = 1; i < REFERENCE.length; i++) {
            if (age <= REFERENCE[i][0]) {
                double f = (age - REFERENCE[i - 1][0]) / (REFERENCE[i][0] - REFERENCE[i - 1][0]);
                return REFERENCE[i - 1][1] + f * (REFERENCE[i][1] - REFERENCE[i - 1][1]);
            }
        }
        return REFERENCE[REFERENCE.length - 1][1];
    }

    public ChronotypeCategory categorise(double msfSc, double age) {
        double ref = referenceMsfSc(age);
        // Signed circular difference, so that 23:30 is earlier than a 03:00 reference, not 20.5 h later.
        double d = ClockMinutes.wrap(msfSc - ref + 720) - 720;
        if (d < -bandMinutes) {
            return ChronotypeCategory.EARLY_BIRD;
        }
        if (d > bandMinutes) {
            return ChronotypeCategory.NIGHT_OWL;
        }
        return ChronotypeCategory.INTERMEDIATE;
    }
}
