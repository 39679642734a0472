package org.zenmoon.analysis.recommend;

import java.util.Objects;

/** Why an intervention is in the catalogue: a short note and the reference it rests on. */
public record Evidence(String note, String reference) {
    public Evidence {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(reference, "reference");
    }
}
