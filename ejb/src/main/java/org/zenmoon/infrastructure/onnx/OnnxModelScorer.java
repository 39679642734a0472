package org.zenmoon.infrastructure.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.domain.model.recommendation.ModelScorer;

/**
 * ONNX Runtime for the ranking models: one session per model version, built on first use and kept (a session is
 * safe to run from many threads), with {@code zenmoon.recommender.onnx-threads} threads inside each run. A model's
 * input is {@code features} [N, d] and its output {@code score} [N, 1].
 */
@ApplicationScoped
public class OnnxModelScorer implements ModelScorer {

    /** Sessions kept at most; the oldest are few (active, candidate and the ones they replaced). */
    static final int MAX_SESSIONS = 16;

    private final Map<String, OrtSession> sessions = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.onnx-threads", defaultValue = "1")
    int threads;

    @Override
    public double[] score(String modelId, Supplier<byte[]> onnx, float[][] features) {
        if (features.length == 0) {
            return new double[0];
        }
        OrtSession session = sessions.computeIfAbsent(modelId, id -> open(onnx.get()));
        int d = features[0].length;
        FloatBuffer flat = FloatBuffer.allocate(features.length * d);
        for (float[] row : features) {
            flat.put(row);
        }
        flat.flip();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, flat, new long[] {features.length, d});
                OrtSession.Result result = session.run(Map.of("features", input))) {
            float[][] scores = (float[][]) result.get("score").orElseThrow().getValue();
            double[] out = new double[scores.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = scores[i][0];
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("model " + modelId + " could not be run: " + e.getMessage(), e);
        }
    }

    private OrtSession open(byte[] model) {
        if (sessions.size() >= MAX_SESSIONS) {
            closeAll();
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            return OrtEnvironment.getEnvironment().createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("a stored model could not be loaded: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void closeAll() {
        sessions.values().forEach(s -> {
            try {
                s.close();
            } catch (OrtException e) {
                // Closing at shutdown or to make room: nothing left to do with it.
            }
        });
        sessions.clear();
    }
}
