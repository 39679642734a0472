package org.zenmoon.domain.model.recommendation;

import java.util.function.Supplier;

/** Runs a stored model version over feature rows (ONNX Runtime, one session per model version). */
public interface ModelScorer {

    /**
     * @param modelId the version's id; its session is built once, from {@code onnx}, on first use
     * @param features one row per candidate
     * @return the model's score (the estimated probability of a 👍) per row
     */
    double[] score(String modelId, Supplier<byte[]> onnx, float[][] features);
}
