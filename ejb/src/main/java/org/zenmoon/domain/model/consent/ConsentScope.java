package org.zenmoon.domain.model.consent;

import java.util.Arrays;
import java.util.Optional;

/** What a guardian consents to, spelled in the API and the database as {@link #label()}. */
public enum ConsentScope {
    /** Wearable data may be received and stored for the child. */
    COLLECTION("collection"),
    /** The child's data may be analysed (chronotype, effects, forecasts); jobs include only such children. */
    ANALYSIS("analysis"),
    /** The child's data may be used to train the recommender. */
    MODEL_TRAINING("model_training"),
    /** The child's data may be shared with a clinic. */
    CLINIC_SHARING("clinic_sharing");

    private final String label;

    ConsentScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The scope with this label, if there is one. */
    public static Optional<ConsentScope> ofLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}
