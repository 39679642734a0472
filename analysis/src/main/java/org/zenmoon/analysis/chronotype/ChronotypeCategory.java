package org.zenmoon.analysis.chronotype;

import java.util.Locale;

/** The three categories ZenMoon reports; never a diagnosis. */
public enum ChronotypeCategory {
    EARLY_BIRD,
    INTERMEDIATE,
    NIGHT_OWL;

    /** {@code early_bird}, {@code intermediate}, {@code night_owl}, as in the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
