package org.zenmoon.analysis.wearable;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
            vectors = Json.createReader(in).readObject();
        }
        tolerance = vectors.getJsonNumber("tolerance").doubleValue();
        JsonObject onnx = vectors.getJsonObject("onnx");
        JsonObject head = vectors.getJsonObject("head");
        assertThat(head.getString("activation")).isEqualTo("sigmoid");
        model = new TinyLstm(vectors.getInt("input_size"), vectors.getInt("hidden_size"), matrix(onnx.getJsonArray("W")),
                matrix(onnx.getJsonArray("R")), vector(onnx.getJsonArray("B")), matrix(head.getJsonArray("weights")),
                vector(head.getJsonArray("bias")));
    }

    record Run(float[][] h, float[] cLast, float[][] y) {
    }

    static Run run(TinyLstm m, JsonArray inputs) throws OrtException {
        int steps = inputs.size();
        float[] x = new float[steps * m.inputSize()];
        for (int t = 0; t < steps; t++) {
            float[] row = vector(inputs.getJsonArray(t));
            System.arraycopy(row, 0, x, t * m.inputSize(), m.inputSize());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(m.onnxModel(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {steps, 1, m.inputSize()});
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
        for (JsonObject seq : vectors.getJsonArray("sequences").getValuesAs(JsonObject.class)) {
            JsonArray expected = seq.getJsonArray("expected");
            Run run = run(model, seq.getJsonArray("inputs"));
            for (int t = 0; t < expected.size(); t++) {
                JsonObject e = expected.getJsonObject(t);
                worst = Math.max(worst, maxDiff(run.h()[t], vector(e.getJsonArray("h"))));
                worst = Math.max(worst, maxDiff(run.y()[t], vector(e.getJsonArray("y"))));
                compared++;
            }
            float[] lastC = vector(expected.getJsonObject(expected.size() - 1).getJsonArray("c"));
            worst = Math.max(worst, maxDiff(run.cLast(), lastC));
        }
        System.out.printf("TinyLSTM parity: %d steps, largest difference %.2e (tolerance %.0e)%n", compared, worst, tolerance);
        assertThat(compared).as("steps compared (the committed vectors hold 65)").isGreaterThanOrEqualTo(60);
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
        JsonObject seq = vectors.getJsonArray("sequences").getJsonObject(vectors.getJsonArray("sequences").size() - 1);
        Run run = run(wrong, seq.getJsonArray("inputs"));
        double worst = 0;
        for (int t = 0; t < seq.getJsonArray("expected").size(); t++) {
            worst = Math.max(worst, maxDiff(run.h()[t], vector(seq.getJsonArray("expected").getJsonObject(t).getJsonArray("h"))));
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
            m[i] = vector(rows.getJsonArray(i));
        }
        return m;
    }

    static float[] vector(JsonArray values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            JsonValue x = values.get(i);
            v[i] = (float) values.getJsonNumber(i).doubleValue();
            assertThat(x.getValueType()).isEqualTo(JsonValue.ValueType.NUMBER);
        }
        return v;
    }
}
