package org.zenmoon.analysis.causal;

import java.util.Locale;

/** The estimators; {@link #AIPW} is the default (doubly robust: right if either model is right). */
public enum Method {
    DIFFERENCE_IN_MEANS("difference"),
    REGRESSION("regression"),
    STRATIFICATION("stratification"),
    IPW("ipw"),
    AIPW("aipw"),
    MATCHING("matching");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the estimator uses the propensity score (so a failed propensity fit makes it unusable). */
    public boolean usesPropensity() {
        return this == STRATIFICATION || this == IPW || this == AIPW || this == MATCHING;
    }

    public static Method parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.label.equals(t) || m.name().equalsIgnoreCase(t)) {
                return m;
            }
        }
        if (t.equals("naive") || t.equals("difference-in-means")) {
            return DIFFERENCE_IN_MEANS;
        }
        throw new IllegalArgumentException("unknown method '" + text + "'");
    }
}
