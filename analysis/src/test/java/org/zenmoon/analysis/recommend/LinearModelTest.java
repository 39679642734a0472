package org.zenmoon.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.time.DayOfWeek;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearModelTest {

    static final InterventionCatalogue CATALOGUE = InterventionCatalogue.bundled();
    static final FeatureEncoder ENC = new FeatureEncoder(CATALOGUE);

    static LinearModel randomModel(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w = new float[ENC.dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextDouble(-2, 2);
        }
        return new LinearModel(FeatureEncoder.VERSION, CATALOGUE.version(), w, (float) rng.nextDouble(-1, 1));
    }

    static float[][] rows(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RecommendationContext x = new RecommendationContext(
                rng.nextDouble(),
                0.03,
                1.2,
                "night_owl",
                15,
                true,
                17,
                DayOfWeek.FRIDAY,
                13,
                Map.of("box_breathing", new Tally(5, 4, 1), "stretching", new Tally(2, 0, 2)),
                Map.of("mindfulness", "helps"));
        return ENC.encodeAll(x, CATALOGUE.suitableFor(13));
    }

    @Test
    void onnxRuntimeScoresEqualTheJavaScores() throws OrtException {
        LinearModel m = randomModel(5);
        float[][] x = rows(6);
        double[] java = m.score(x);
        int n = x.length;
        int d = ENC.dimension();
        float[] flat = new float[n * d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x[r], 0, flat, r * d, d);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(m.toOnnx(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {n, d});
                OrtSession.Result result = session.run(Map.of(LinearModel.INPUT, input))) {
            assertThat(session.getMetadata().getCustomMetadata())
                    .containsEntry("catalogueVersion", CATALOGUE.version())
                    .containsEntry("featureVersion", Integer.toString(FeatureEncoder.VERSION));
            float[][] onnx =
                    (float[][]) result.get(LinearModel.OUTPUT).orElseThrow().getValue();
            assertThat(onnx).hasDimensions(n, 1);
            for (int r = 0; r < n; r++) {
                assertThat(Double.isFinite(java[r])).isTrue();
                assertThat((double) onnx[r][0]).isCloseTo(java[r], within(1e-6));
            }
            // The batch dimension is symbolic: one row runs through the same model.
            try (OnnxTensor one = OnnxTensor.createTensor(env, FloatBuffer.wrap(x[0]), new long[] {1, d});
                    OrtSession.Result single = session.run(Map.of(LinearModel.INPUT, one))) {
                float[][] s =
                        (float[][]) single.get(LinearModel.OUTPUT).orElseThrow().getValue();
                assertThat((double) s[0][0]).isCloseTo(java[0], within(1e-6));
            }
        }
    }

    @Test
    void coldStartScoresEveryInterventionAlike() {
        double[] s = LinearModel.coldStart(ENC).score(rows(1));
        for (double v : s) {
            assertThat(v).isEqualTo(0.5);
        }
        assertThat(LinearModel.coldStart(ENC).fits(ENC)).isTrue();
    }

    @Test
    void jsonRoundTripsAndNegationReversesTheRanking() {
        LinearModel m = randomModel(9);
        assertThat(LinearModel.fromJson(m.toJson())).isEqualTo(m);
        double[] a = m.score(rows(2));
        double[] b = m.negated().score(rows(2));
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i] + b[i]).isCloseTo(1.0, within(1e-9));
        }
    }
}
