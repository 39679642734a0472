package org.zenmoon.domain.model.recommendation;

import java.util.Locale;

/** Where a model version stands; stored in lower case. */
public enum ModelStatus {
    /** Serves every child not in an A/B test's candidate arm; one per tenant. */
    ACTIVE,
    /** Passed the offline check and serves the candidate arm; at most one per tenant. */
    CANDIDATE,
    /** Replaced by a promoted candidate, or rolled back. */
    RETIRED,
    /** Estimated worse than the active model offline: never exposed. */
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelStatus ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
