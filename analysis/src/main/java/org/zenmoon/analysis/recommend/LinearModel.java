package org.zenmoon.analysis.recommend;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The ranker: P(👍 | context, intervention) = sigmoid(features · weights + bias). {@link #score} computes it in
 * Java; {@link #toOnnx} writes the same function as an ONNX graph for ONNX Runtime.
 *
 * @param featureVersion   the {@link FeatureEncoder#VERSION} the weights belong to
 * @param catalogueVersion the catalogue whose interventions the one-hot features name
 */
public record LinearModel(int featureVersion, String catalogueVersion, float[] weights, float bias) {

    /** Opset 14 and IR 8, as the wearable's TinyLSTM graph: what ONNX Runtime 1.x runs. */
    private static final int OPSET = 14;

    private static final int IR_VERSION = 8;

    public static final String INPUT = "features";
    public static final String OUTPUT = "score";

    private static final Gson GSON = new Gson();

    public LinearModel {
        if (catalogueVersion == null || weights == null) {
            throw new IllegalArgumentException("a model needs its catalogue version and weights");
        }
        weights = weights.clone();
        for (float w : weights) {
            if (!Float.isFinite(w)) {
                throw new IllegalArgumentException("weights must be finite");
            }
        }
        if (!Float.isFinite(bias)) {
            throw new IllegalArgumentException("bias must be finite");
        }
    }

    /** No preference known: every intervention scores 0.5, so the policy's order is the catalogue's. */
    public static LinearModel coldStart(FeatureEncoder encoder) {
        return new LinearModel(
                FeatureEncoder.VERSION, encoder.catalogue().version(), new float[encoder.dimension()], 0f);
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    public int dimension() {
        return weights.length;
    }

    /** Whether this model was trained on the features {@code encoder} produces. */
    public boolean fits(FeatureEncoder encoder) {
        return featureVersion == FeatureEncoder.VERSION
                && catalogueVersion.equals(encoder.catalogue().version())
                && weights.length == encoder.dimension();
    }

    /** The same model with every weight and the bias negated: it prefers what this one avoids. */
    public LinearModel negated() {
        float[] w = weights.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = -w[i];
        }
        return new LinearModel(featureVersion, catalogueVersion, w, -bias);
    }

    /** sigmoid(x·w + b) for each row. */
    public double[] score(float[][] features) {
        double[] out = new double[features.length];
        for (int r = 0; r < features.length; r++) {
            out[r] = sigmoid(logit(features[r]));
        }
        return out;
    }

    double logit(float[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException(
                    "a feature row has " + x.length + " values, the model " + weights.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += (double) x[i] * weights[i];
        }
        return z;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /**
     * The serialised ONNX model: input {@code features} float [N, d] (N symbolic), MatMul with the [d, 1] weights,
     * Add the bias, Sigmoid, output {@code score} float [N, 1]. The versions travel as metadata.
     */
    public byte[] toOnnx() {
        int d = weights.length;
        TensorProto w = TensorProto.newBuilder()
                .setName("W")
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(d)
                .addDims(1)
                .addAllFloatData(boxed(weights))
                .build();
        TensorProto b = TensorProto.newBuilder()
                .setName("B")
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(1)
                .addFloatData(bias)
                .build();
        GraphProto graph = GraphProto.newBuilder()
                .setName("zenmoon_recommender_linear")
                .addInitializer(w)
                .addInitializer(b)
                .addNode(node("MatMul", "linear", "logit_raw", INPUT, "W"))
                .addNode(node("Add", "bias", "logit", "logit_raw", "B"))
                .addNode(node("Sigmoid", "sigmoid", OUTPUT, "logit"))
                .addInput(value(INPUT, d))
                .addOutput(value(OUTPUT, 1))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("zenmoon")
                .setModelVersion(featureVersion)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(meta("featureVersion", Integer.toString(featureVersion)))
                .addMetadataProps(meta("catalogueVersion", catalogueVersion))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static StringStringEntryProto meta(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static NodeProto node(String op, String name, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.build();
    }

    /** float [N, columns] with N symbolic. */
    private static ValueInfoProto value(String name, long columns) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
                .build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }

    private static Iterable<Float> boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return Arrays.asList(out);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static LinearModel fromJson(String json) {
        try {
            LinearModel m = GSON.fromJson(json, LinearModel.class);
            if (m == null) {
                throw new IllegalArgumentException("empty model JSON");
            }
            return m;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("unreadable model JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw e;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearModel m
                && featureVersion == m.featureVersion
                && catalogueVersion.equals(m.catalogueVersion)
                && Arrays.equals(weights, m.weights)
                && Float.compare(bias, m.bias) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureVersion, catalogueVersion, Arrays.hashCode(weights), bias);
    }

    @Override
    public String toString() {
        return "LinearModel[featureVersion=" + featureVersion + ", catalogueVersion=" + catalogueVersion
                + ", dimension=" + weights.length + ", bias=" + bias + "]";
    }
}
