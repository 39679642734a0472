/** The wearable's TinyLSTM as an ONNX model, for the backend to run what the device runs. */
package org.zenmoon.analysis.wearable;
