package org.zenmoon.domain.model.recommendation;

import java.time.Instant;

/**
 * A version of a tenant's ranking model. The ONNX bytes are read separately ({@link ModelRepository#onnx}), only
 * when a session is built.
 *
 * @param parametersJson the model's weights (for the offline evaluation of a later candidate)
 * @param metricsJson    the offline evaluation that let it in (or kept it out), null for the cold start
 */
public record ModelVersion(
        String id,
        String name,
        int version,
        ModelStatus status,
        int featureVersion,
        String catalogueVersion,
        String parametersJson,
        String metricsJson,
        int trainedOn,
        Instant createdAt,
        Instant statusAt) {}
