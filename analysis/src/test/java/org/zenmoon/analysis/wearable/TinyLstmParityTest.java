package org.zenmoon.analysis.wearable;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The firmware's TinyLSTM weights, built as an ONNX model and run by ONNX Runtime, give the firmware's
 * outputs on the shared test vectors (firmware/test-vectors/lstm_parity.json, written by the C code).
 */
class TinyLstmParityTest {

    static final Path VECTORS = Path.of("../firmware/test-vectors/lstm_parity.json");
    static JsonObject vectors;
    static TinyLstm model;
    static double tolerance;

    @BeforeAll
    static void load() throws IOException {
        try (Reader in = Files.newBufferedReader(VECTORS)) {
            vectors = JsonParser.parseReader(in).getAsJsonObject();
        }
        tolerance = vectors.get("tolerance").getAsDouble();
        JsonObject onnx = vectors.getAsJsonObject("onnx");
        JsonObject head = vectors.getAsJsonObject("head");
        assertThat(head.get("activation").getAsString()).isEqualTo("sigmoid");
        model = new TinyLstm(
                vectors.get("input_size").getAsInt(),
                vectors.get("hidden_size").getAsInt(),
                matrix(onnx.getAsJsonArray("W")),
                matrix(onnx.getAsJsonArray("R")),
                vector(onnx.getAsJsonArray("B")),
                matrix(head.getAsJsonArray("weights")),
                vector(head.getAsJsonArray("bias")));
    }

    record Run(float[][] h, float[] cLast, float[][] y) {}

    static Run run(TinyLstm m, JsonArray inputs) throws OrtException {
        int steps = inputs.size();
        float[] x = new float[steps * m.inputSize()];
        for (int t = 0; t < steps; t++) {
            float[] row = vector(inputs.get(t).getAsJsonArray());
            System.arraycopy(row, 0, x, t * m.inputSize(), m.inputSize());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(m.onnxModel(), new OrtSession.SessionOptions());
                OnnxTensor input =
                        OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {steps, 1, m.inputSize()});
                OrtSession.Result result = session.run(Map.of("X", input))) {
            float[][][][] y = (float[][][][]) result.get("Y").orElseThrow().getValue();
            float[][][] c = (float[][][]) result.get("Y_c").orElseThrow().getValue();
            float[][] head = (float[][]) result.get("head").orElseThrow().getValue();
            float[][] h = new float[steps][];
            for (int t = 0; t < steps; t++) {
                h[t] = y[t][0][0];
            }
            return new Run(h, c[0][0], head);
        }
    }

    @Test
    void onnxRuntimeReproducesTheFirmwareOnEverySharedVector() throws OrtException {
        int compared = 0;
        double worst = 0;
        for (var element : vectors.getAsJsonArray("sequences")) {
            JsonObject seq = element.getAsJsonObject();
            JsonArray expected = seq.getAsJsonArray("expected");
            Run run = run(model, seq.getAsJsonArray("inputs"));
            for (int t = 0; t < expected.size(); t++) {
                JsonObject e = expected.get(t).getAsJsonObject();
                worst = Math.max(worst, maxDiff(run.h()[t], vector(e.getAsJsonArray("h"))));
                worst = Math.max(worst, maxDiff(run.y()[t], vector(e.getAsJsonArray("y"))));
                compared++;
            }
            float[] lastC =
                    vector(expected.get(expected.size() - 1).getAsJsonObject().getAsJsonArray("c"));
            worst = Math.max(worst, maxDiff(run.cLast(), lastC));
        }
        assertThat(compared)
                .as("steps compared (the committed vectors hold 65)")
                .isGreaterThanOrEqualTo(60);
        assertThat(worst).as("largest |ONNX - firmware| over h, c and the head").isLessThanOrEqualTo(tolerance);
    }

    @Test
    void aWrongGateOrderIsCaught() throws OrtException {
        // Swap the o and f gate blocks, the classic ONNX-versus-PyTorch mistake: parity must fail.
        int h = model.hiddenSize();
        float[][] w = model.w().clone();
        float[][] r = model.r().clone();
        float[] b = model.b().clone();
        for (int i = 0; i < h; i++) {
            swap(w, h + i, 2 * h + i);
            swap(r, h + i, 2 * h + i);
            for (int half = 0; half < 2; half++) {
                int o = half * 4 * h + h + i;
                int f = half * 4 * h + 2 * h + i;
                float tmp = b[o];
                b[o] = b[f];
                b[f] = tmp;
            }
        }
        TinyLstm wrong = new TinyLstm(model.inputSize(), h, w, r, b, model.headW(), model.headB());
        JsonArray sequences = vectors.getAsJsonArray("sequences");
        JsonObject seq = sequences.get(sequences.size() - 1).getAsJsonObject();
        Run run = run(wrong, seq.getAsJsonArray("inputs"));
        double worst = 0;
        for (int t = 0; t < seq.getAsJsonArray("expected").size(); t++) {
            worst = Math.max(
                    worst,
                    maxDiff(
                            run.h()[t],
                            vector(seq.getAsJsonArray("expected")
                                    .get(t)
                                    .getAsJsonObject()
                                    .getAsJsonArray("h"))));
        }
        assertThat(worst).isGreaterThan(100 * tolerance);
    }

    private static void swap(float[][] m, int i, int j) {
        float[] tmp = m[i];
        m[i] = m[j];
        m[j] = tmp;
    }

    private static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    static float[][] matrix(JsonArray rows) {
        float[][] m = new float[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(rows.get(i).getAsJsonArray());
        }
        return m;
    }

    static float[] vector(JsonArray values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            assertThat(values.get(i).isJsonPrimitive()
                            && values.get(i).getAsJsonPrimitive().isNumber())
                    .as("element %d is a number", i)
                    .isTrue();
            v[i] = values.get(i).getAsFloat();
        }
        return v;
    }
}
