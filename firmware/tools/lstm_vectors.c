/*
 * lstm_vectors: writes test-vectors/lstm_parity.json, the contract between the C TinyLSTM and
 * the ONNX Runtime model on the Java side: the weights in ONNX LSTM layout, the dense head,
 * input sequences and the per-step outputs computed by this C implementation.
 *
 *   lstm_vectors > test-vectors/lstm_parity.json
 */
#include <stdint.h>
#include <stdio.h>

#include "zm/model.h"

#define RANDOM_SEED 12345u
#define N_RANDOM 25
#define N_EPISODE 30

static void print_floats(const float *v, unsigned n)
{
    printf("[");
    for (unsigned i = 0; i < n; i++) {
        printf("%s%.9g", i ? ", " : "", (double)v[i]);
    }
    printf("]");
}

static void print_matrix(const char *name, const float *v, unsigned rows, unsigned cols, const char *indent)
{
    printf("%s\"%s\": [\n", indent, name);
    for (unsigned r = 0; r < rows; r++) {
        printf("%s  ", indent);
        print_floats(&v[r * cols], cols);
        printf("%s\n", r + 1 < rows ? "," : "");
    }
    printf("%s]", indent);
}

static uint32_t rng = RANDOM_SEED;
static float rnd_input(void)
{
    /* xorshift32; values k/256 in [-4, 4] so that they print exactly */
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (float)((int32_t)(rng % 2049u) - 1024) / 256.0f;
}

static void run_sequence(const char *name, const char *about, float (*x)[ZM_MODEL_INPUTS], unsigned n,
                         int last)
{
    zm_lstm_state_t s;
    zm_lstm_reset(&s);
    printf("    {\"name\": \"%s\",\n     \"about\": \"%s\",\n     \"inputs\": [\n", name, about);
    for (unsigned t = 0; t < n; t++) {
        printf("       ");
        print_floats(x[t], ZM_MODEL_INPUTS);
        printf("%s\n", t + 1 < n ? "," : "");
    }
    printf("     ],\n     \"expected\": [\n");
    for (unsigned t = 0; t < n; t++) {
        float y[ZM_MODEL_OUTPUTS];
        zm_lstm_step(&zm_model_lstm, &s, x[t]);
        zm_dense_apply(&zm_model_head, s.h, y);
        printf("       {\"h\": ");
        print_floats(s.h, ZM_MODEL_HIDDEN);
        printf(", \"c\": ");
        print_floats(s.c, ZM_MODEL_HIDDEN);
        printf(", \"y\": ");
        print_floats(y, ZM_MODEL_OUTPUTS);
        printf("}%s\n", t + 1 < n ? "," : "");
    }
    printf("     ]}%s\n", last ? "" : ",");
}

int main(void)
{
    const unsigned I = ZM_MODEL_INPUTS, H = ZM_MODEL_HIDDEN;
    printf("{\n");
    printf("  \"description\": \"TinyLSTM parity vectors from the ZenMoon firmware (tools/lstm_vectors). "
           "Run an ONNX LSTM (opset >= 7, default attributes: activations Sigmoid/Tanh/Tanh, no "
           "clip, input_forget 0, direction forward, layout 0) with W, R, B below, initial_h and "
           "initial_c zero, X of shape [seq_len, 1, input_size]; Y[t] must equal expected[t].h and "
           "Y_c after the last step equals its c. The head is y = sigmoid(head.weights h + head.bias). "
           "The weights are hand-constructed and seeded, not trained (firmware/docs/LSTM.md).\",\n");
    printf("  \"tolerance\": 1e-4,\n");
    printf("  \"input_size\": %u,\n  \"hidden_size\": %u,\n", I, H);
    printf("  \"inputs_order\": [\"hr\", \"rmssd\", \"scr\", \"eda\", \"activity\"],\n");
    printf("  \"onnx\": {\n");
    printf("    \"gate_order\": \"iofc\",\n");
    printf("    \"W_shape\": [1, %u, %u], \"R_shape\": [1, %u, %u], \"B_shape\": [1, %u],\n", 4 * H, I, 4 * H,
           H, 8 * H);
    printf("    \"note\": \"W, R are given as [4H][.] row lists and B as [8H] = Wb(4H) then Rb(4H); add "
           "the leading num_directions=1 dimension when building the initializers\",\n");
    print_matrix("W", zm_model_lstm.W, 4 * H, I, "    ");
    printf(",\n");
    print_matrix("R", zm_model_lstm.R, 4 * H, H, "    ");
    printf(",\n    \"B\": ");
    print_floats(zm_model_lstm.B, 8 * H);
    printf("\n  },\n");
    printf("  \"head\": {\n    \"activation\": \"sigmoid\",\n    \"outputs\": [\"stress\", \"anomaly\"],\n");
    print_matrix("weights", zm_model_head.W, ZM_MODEL_OUTPUTS, H, "    ");
    printf(",\n    \"bias\": ");
    print_floats(zm_model_head.b, ZM_MODEL_OUTPUTS);
    printf("\n  },\n");
    printf("  \"sequences\": [\n");

    static float zeros[4][ZM_MODEL_INPUTS];
    run_sequence("zeros", "all inputs at their reference value", zeros, 4, 0);

    /* a realistic episode, normalised the way the firmware does it: rest, a stressor that
     * raises HR, lowers RMSSD and brings SCRs, then recovery */
    static float episode[N_EPISODE][ZM_MODEL_INPUTS];
    for (unsigned t = 0; t < N_EPISODE; t++) {
        float load = (t >= 8 && t < 18) ? 1.0f : (t >= 18 ? 1.0f / (float)(t - 16) : 0.0f);
        zm_features_t f = {0};
        f.valid = ZM_F_HR | ZM_F_RMSSD | ZM_F_EDA | ZM_F_ACTIVITY;
        f.worn = true;
        f.hr_bpm = 72.0f + 30.0f * load + (float)(t % 3);
        f.rmssd_ms = 45.0f - 25.0f * load;
        f.scr_count = (uint16_t)(4.0f * load + 0.5f);
        f.eda_tonic_us = 1.5f + 1.5f * load;
        f.activity_mg = 10.0f + (float)(t % 5) * 4.0f;
        zm_model_normalise(&f, episode[t]);
    }
    run_sequence("stress_episode", "normalised features: rest (0-7), stressor (8-17), recovery (18-29)",
                 episode, N_EPISODE, 0);

    static float random_x[N_RANDOM][ZM_MODEL_INPUTS];
    for (unsigned t = 0; t < N_RANDOM; t++) {
        for (unsigned k = 0; k < I; k++) {
            random_x[t][k] = rnd_input();
        }
    }
    run_sequence("random", "xorshift32 seed 12345, k/256 in [-4, 4]", random_x, N_RANDOM, 0);

    static float sat[6][ZM_MODEL_INPUTS] = {
        {4, 4, 4, 4, 4}, {4, 4, 4, 4, 4}, {-4, -4, -4, -4, -4}, {-4, -4, -4, -4, -4}, {4, -4, 4, -4, 4}, {0, 0, 0, 0, 0}};
    run_sequence("saturation", "inputs at the +-4 clip limits", sat, 6, 1);
    printf("  ]\n}\n");
    return 0;
}
