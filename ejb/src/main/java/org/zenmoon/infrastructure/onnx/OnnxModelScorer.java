package org.zenmoon.infrastructure.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.FloatBuffer;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.domain.model.recommendation.ModelScorer;

/**
 * ONNX Runtime for the ranking models: one session per model version, built on first use and kept (a session is
 * safe to run from many threads), with {@code zenmoon.recommender.onnx-threads} threads inside each run. A model's
 * input is {@code features} [N, d] and its output {@code score} [N, 1].
 *
 * <p>At most {@link #MAX_SESSIONS} sessions are kept (a linear model's session is a few kilobytes; every tenant has
 * an active model and perhaps a candidate); beyond that the least recently used one is closed. Runs hold a read
 * lock and opening and closing a write lock, so that no session is closed while a request is running it.
 */
@ApplicationScoped
public class OnnxModelScorer implements ModelScorer {

    static final int MAX_SESSIONS = 512;

    private record Loaded(OrtSession session, AtomicLong lastUsed) {}

    private final Map<String, Loaded> sessions = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong clock = new AtomicLong();

    @Inject
    @ConfigProperty(name = "zenmoon.recommender.onnx-threads", defaultValue = "1")
    int threads;

    @Override
    public double[] score(String modelId, Supplier<byte[]> onnx, float[][] features) {
        if (features.length == 0) {
            return new double[0];
        }
        int d = features[0].length;
        FloatBuffer flat = FloatBuffer.allocate(features.length * d);
        for (float[] row : features) {
            flat.put(row);
        }
        flat.flip();
        if (!sessions.containsKey(modelId)) {
            load(modelId, onnx);
        }
        lock.readLock().lock();
        try {
            Loaded loaded = sessions.get(modelId);
            if (loaded == null) {
                throw new IllegalStateException("model " + modelId + " was unloaded while it was needed");
            }
            loaded.lastUsed().set(clock.incrementAndGet());
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OnnxTensor input = OnnxTensor.createTensor(env, flat, new long[] {features.length, d});
                    OrtSession.Result result = loaded.session().run(Map.of("features", input))) {
                float[][] scores = (float[][]) result.get("score").orElseThrow().getValue();
                double[] out = new double[scores.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = scores[i][0];
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("model " + modelId + " could not be run: " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void load(String modelId, Supplier<byte[]> onnx) {
        byte[] model = onnx.get();
        lock.writeLock().lock();
        try {
            if (sessions.containsKey(modelId)) {
                return;
            }
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.entrySet().stream()
                        .min(Comparator.comparingLong(
                                e -> e.getValue().lastUsed().get()))
                        .ifPresent(oldest -> close(sessions.remove(oldest.getKey())));
            }
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(Math.max(1, threads));
                options.setInterOpNumThreads(1);
                sessions.put(
                        modelId,
                        new Loaded(
                                OrtEnvironment.getEnvironment().createSession(model, options),
                                new AtomicLong(clock.incrementAndGet())));
            } catch (OrtException e) {
                throw new IllegalStateException("a stored model could not be loaded: " + e.getMessage(), e);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void close(Loaded loaded) {
        if (loaded == null) {
            return;
        }
        try {
            loaded.session().close();
        } catch (OrtException e) {
            // Closing to make room or at shutdown: nothing left to do with it.
        }
    }

    @PreDestroy
    void closeAll() {
        lock.writeLock().lock();
        try {
            sessions.values().forEach(OnnxModelScorer::close);
            sessions.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
