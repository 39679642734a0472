package org.zenmoon.analysis.wearable;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * The wearable firmware's TinyLSTM (firmware/docs/LSTM.md) as an ONNX graph: one forward LSTM with ONNX's
 * default activations, then a dense sigmoid head on every step's hidden state.
 *
 * <p>Inputs: {@code X} float [steps, 1, inputSize], already normalised as the firmware does. Outputs:
 * {@code Y} [steps, 1, 1, hidden] (hidden state per step), {@code Y_c} [1, 1, hidden] (final cell state)
 * and {@code head} [steps, outputs] (e.g. stress and anomaly, each 0..1).
 *
 * @param w     input weights, [4·hidden][inputSize], gate rows in ONNX order i, o, f, c
 * @param r     recurrent weights, [4·hidden][hidden], same order
 * @param b     biases, [8·hidden]: input biases then recurrent biases
 * @param headW head weights, [outputs][hidden]
 * @param headB head biases, [outputs]
 */
public record TinyLstm(
        int inputSize, int hiddenSize, float[][] w, float[][] r, float[] b, float[][] headW, float[] headB) {

    /** Opset 14: the LSTM with {@code layout} and Reshape with {@code allowzero}; ONNX Runtime 1.x runs it. */
    private static final int OPSET = 14;

    private static final int IR_VERSION = 8;

    public TinyLstm {
        require(w.length == 4 * hiddenSize && w[0].length == inputSize, "W must be [4H][I]");
        require(r.length == 4 * hiddenSize && r[0].length == hiddenSize, "R must be [4H][H]");
        require(b.length == 8 * hiddenSize, "B must be [8H]");
        require(
                headW.length == headB.length && headW.length > 0 && headW[0].length == hiddenSize,
                "head must be [O][H] and [O]");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public int outputs() {
        return headB.length;
    }

    /** The serialised ONNX model. */
    public byte[] onnxModel() {
        int h = hiddenSize;
        GraphProto graph = GraphProto.newBuilder()
                .setName("zenmoon_tiny_lstm")
                .addInitializer(tensor("W", new long[] {1, 4L * h, inputSize}, flatten(w)))
                .addInitializer(tensor("R", new long[] {1, 4L * h, h}, flatten(r)))
                .addInitializer(tensor("B", new long[] {1, 8L * h}, b))
                .addInitializer(tensor("head_W", new long[] {h, outputs()}, flatten(transpose(headW))))
                .addInitializer(tensor("head_B", new long[] {outputs()}, headB))
                .addInitializer(TensorProto.newBuilder()
                        .setName("flat_shape")
                        .setDataType(TensorProto.DataType.INT64_VALUE)
                        .addDims(2)
                        .addInt64Data(-1)
                        .addInt64Data(h)
                        .build())
                .addNode(NodeProto.newBuilder()
                        .setOpType("LSTM")
                        .setName("lstm")
                        .addInput("X")
                        .addInput("W")
                        .addInput("R")
                        .addInput("B")
                        .addOutput("Y")
                        .addOutput("Y_h")
                        .addOutput("Y_c")
                        .addAttribute(AttributeProto.newBuilder()
                                .setName("hidden_size")
                                .setType(AttributeProto.AttributeType.INT)
                                .setI(h)))
                .addNode(node("Reshape", "flatten_steps", "Y_flat", "Y", "flat_shape"))
                .addNode(node("MatMul", "head_matmul", "head_linear", "Y_flat", "head_W"))
                .addNode(node("Add", "head_bias", "head_logit", "head_linear", "head_B"))
                .addNode(node("Sigmoid", "head_sigmoid", "head", "head_logit"))
                .addInput(value("X", "steps", 1, inputSize))
                .addOutput(value("Y", "steps", 1, 1, h))
                .addOutput(value("Y_c", null, 1, 1, h))
                .addOutput(value("head", "steps", outputs()))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("zenmoon")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static NodeProto node(String op, String name, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.build();
    }

    private static TensorProto tensor(String name, long[] dims, float[] values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    /** A float tensor type whose first dimension is symbolic when {@code firstDimName} is given. */
    private static ValueInfoProto value(String name, String firstDimName, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        if (firstDimName != null) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(firstDimName));
        }
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }

    private static float[] flatten(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    private static float[][] transpose(float[][] m) {
        float[][] t = new float[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
