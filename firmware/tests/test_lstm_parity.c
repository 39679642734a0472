/*
 * LSTM parity against the committed test-vectors/lstm_parity.json:
 *  1. the weights in the JSON are exactly the firmware's weights;
 *  2. the firmware LSTM reproduces every expected h, c and head output;
 *  3. an independent double-precision implementation written from the ONNX operator
 *     specification (gate order i, o, f, c) agrees with the expectations within 1e-5, which
 *     checks the semantics and not just self-consistency.
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "json_min.h"
#include "zm/model.h"

#define C_TOL 1e-5   /* same code, possibly another libm */
#define REF_TOL 1e-5 /* float32 vs double reference */

static double sig(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* ONNX LSTM, one step, written directly from the operator spec with the JSON weights. */
static void onnx_reference_step(const json_t *W, const json_t *R, const json_t *B, unsigned I, unsigned H,
                                const double *x, double *h, double *c)
{
    double hn[ZM_LSTM_MAX_HIDDEN], cn[ZM_LSTM_MAX_HIDDEN];
    for (unsigned j = 0; j < H; j++) {
        double g[4];
        for (unsigned gate = 0; gate < 4; gate++) { /* 0 i, 1 o, 2 f, 3 c */
            unsigned row = gate * H + j;
            double a = json_at(B, row)->number + json_at(B, 4 * H + row)->number;
            for (unsigned k = 0; k < I; k++) {
                a += json_at(json_at(W, row), k)->number * x[k];
            }
            for (unsigned k = 0; k < H; k++) {
                a += json_at(json_at(R, row), k)->number * h[k];
            }
            g[gate] = a;
        }
        double it = sig(g[0]), ot = sig(g[1]), ft = sig(g[2]), ct = tanh(g[3]);
        cn[j] = ft * c[j] + it * ct;
        hn[j] = ot * tanh(cn[j]);
    }
    memcpy(h, hn, H * sizeof(double));
    memcpy(c, cn, H * sizeof(double));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_lstm_parity lstm_parity.json\n");
        return 2;
    }
    json_t *doc = json_load_file(argv[1]);
    CHECK(doc != NULL);
    if (!doc) {
        return check_report("test_lstm_parity");
    }
    const unsigned I = ZM_MODEL_INPUTS, H = ZM_MODEL_HIDDEN;
    CHECK_EQ_INT(json_get(doc, "input_size")->number, I);
    CHECK_EQ_INT(json_get(doc, "hidden_size")->number, H);
    CHECK(H <= 16);

    const json_t *onnx = json_get(doc, "onnx");
    const json_t *W = json_get(onnx, "W"), *R = json_get(onnx, "R"), *B = json_get(onnx, "B");
    CHECK(strcmp(json_get(onnx, "gate_order")->string, "iofc") == 0);
    CHECK_EQ_INT(W->n, 4 * H);
    CHECK_EQ_INT(R->n, 4 * H);
    CHECK_EQ_INT(B->n, 8 * H);
    /* 1. exact weights */
    for (unsigned r = 0; r < 4 * H; r++) {
        for (unsigned k = 0; k < I; k++) {
            CHECK((float)json_at(json_at(W, r), k)->number == zm_model_lstm.W[r * I + k]);
        }
        for (unsigned k = 0; k < H; k++) {
            CHECK((float)json_at(json_at(R, r), k)->number == zm_model_lstm.R[r * H + k]);
        }
    }
    for (unsigned r = 0; r < 8 * H; r++) {
        CHECK((float)json_at(B, r)->number == zm_model_lstm.B[r]);
    }
    const json_t *head = json_get(doc, "head");
    CHECK(strcmp(json_get(head, "activation")->string, "sigmoid") == 0);
    const json_t *HW = json_get(head, "weights"), *Hb = json_get(head, "bias");
    for (unsigned o = 0; o < ZM_MODEL_OUTPUTS; o++) {
        CHECK((float)json_at(Hb, o)->number == zm_model_head.b[o]);
        for (unsigned k = 0; k < H; k++) {
            CHECK((float)json_at(json_at(HW, o), k)->number == zm_model_head.W[o * H + k]);
        }
    }

    /* 2 and 3: every sequence, every step */
    const json_t *seqs = json_get(doc, "sequences");
    CHECK(seqs && seqs->n >= 3);
    unsigned steps = 0;
    for (size_t s = 0; seqs && s < seqs->n; s++) {
        const json_t *seq = json_at(seqs, s);
        const json_t *inputs = json_get(seq, "inputs"), *expected = json_get(seq, "expected");
        CHECK_EQ_INT(inputs->n, expected->n);
        zm_lstm_state_t st;
        zm_lstm_reset(&st);
        double rh[ZM_LSTM_MAX_HIDDEN] = {0}, rc[ZM_LSTM_MAX_HIDDEN] = {0};
        for (size_t t = 0; t < inputs->n; t++, steps++) {
            float x[ZM_MODEL_INPUTS];
            double xd[ZM_MODEL_INPUTS];
            for (unsigned k = 0; k < I; k++) {
                xd[k] = json_at(json_at(inputs, t), k)->number;
                x[k] = (float)xd[k];
            }
            zm_lstm_step(&zm_model_lstm, &st, x);
            float y[ZM_MODEL_OUTPUTS];
            zm_dense_apply(&zm_model_head, st.h, y);
            onnx_reference_step(W, R, B, I, H, xd, rh, rc);
            const json_t *e = json_at(expected, t);
            for (unsigned j = 0; j < H; j++) {
                double eh = json_at(json_get(e, "h"), j)->number;
                double ec = json_at(json_get(e, "c"), j)->number;
                CHECK_NEAR(st.h[j], eh, C_TOL);
                CHECK_NEAR(st.c[j], ec, C_TOL);
                CHECK_NEAR(rh[j], eh, REF_TOL);
                CHECK_NEAR(rc[j], ec, REF_TOL);
            }
            for (unsigned o = 0; o < ZM_MODEL_OUTPUTS; o++) {
                double ey = json_at(json_get(e, "y"), o)->number;
                CHECK_NEAR(y[o], ey, C_TOL);
                double a = json_at(Hb, o)->number;
                for (unsigned k = 0; k < H; k++) {
                    a += json_at(json_at(HW, o), k)->number * rh[k];
                }
                CHECK_NEAR(sig(a), ey, REF_TOL);
            }
        }
    }
    printf("compared %u steps\n", steps);
    json_free(doc);
    return check_report("test_lstm_parity");
}
