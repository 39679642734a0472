package org.zenmoon.domain.model.recommendation;

/** Turns the text of a child's situation into a unit-length vector; similar situations get near vectors. */
public interface SituationEmbedder {

    /** The text's vector, {@link #dimension()} long, L2-normalised. */
    float[] embed(String text);

    int dimension();

    /** The model that made the vectors: vectors of different models cannot be compared. */
    String modelName();
}
