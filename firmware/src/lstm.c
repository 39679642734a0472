#include "zm/lstm.h"

#include <math.h>
#include <string.h>

/* ONNX gate blocks inside W, R and each half of B */
enum { GATE_I = 0, GATE_O = 1, GATE_F = 2, GATE_C = 3, GATES = 4 };

float zm_sigmoidf(float x)
{
    /* written so that expf never overflows: for large |x| the result saturates cleanly */
    if (x >= 0.0f) {
        return 1.0f / (1.0f + expf(-x));
    }
    float e = expf(x);
    return e / (1.0f + e);
}

void zm_lstm_reset(zm_lstm_state_t *s)
{
    memset(s, 0, sizeof(*s));
}

void zm_lstm_step(const zm_lstm_params_t *p, zm_lstm_state_t *s, const float *x)
{
    const unsigned H = p->hidden_size;
    const unsigned I = p->input_size;
    float pre[GATES * ZM_LSTM_MAX_HIDDEN];

    /* pre-activation of every gate row: W x + R h_prev + Wb + Rb */
    for (unsigned r = 0; r < GATES * H; r++) {
        float acc = p->B[r] + p->B[GATES * H + r];
        const float *w = &p->W[r * I];
        for (unsigned k = 0; k < I; k++) {
            acc += w[k] * x[k];
        }
        const float *rr = &p->R[r * H];
        for (unsigned k = 0; k < H; k++) {
            acc += rr[k] * s->h[k];
        }
        pre[r] = acc;
    }
    for (unsigned j = 0; j < H; j++) {
        float i = zm_sigmoidf(pre[GATE_I * H + j]);
        float o = zm_sigmoidf(pre[GATE_O * H + j]);
        float f = zm_sigmoidf(pre[GATE_F * H + j]);
        float g = tanhf(pre[GATE_C * H + j]);
        s->c[j] = f * s->c[j] + i * g;
        s->h[j] = o * tanhf(s->c[j]);
    }
}

void zm_dense_apply(const zm_dense_params_t *p, const float *h, float *y)
{
    for (unsigned o = 0; o < p->outputs; o++) {
        float acc = p->b[o];
        for (unsigned k = 0; k < p->hidden_size; k++) {
            acc += p->W[o * p->hidden_size + k] * h[k];
        }
        /* ZM_ACT_SIGMOID is the only activation the head uses */
        y[o] = zm_sigmoidf(acc);
    }
}
