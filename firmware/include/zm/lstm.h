/*
 * Single-layer, single-direction LSTM with exactly ONNX's default LSTM semantics:
 * gate order i, o, f, c; sigmoid for i/o/f; tanh for the cell candidate and the output;
 * no peepholes, no clipping, input_forget = 0. Weight layout is ONNX's:
 *   W [4H x I], R [4H x H], B [8H] = (Wb[4H], Rb[4H]), rows grouped by gate i, o, f, c.
 * float32 throughout. See docs/LSTM.md.
 */
#ifndef ZM_LSTM_H
#define ZM_LSTM_H

#include <stdint.h>

#define ZM_LSTM_MAX_HIDDEN 16u /* requirement: hidden size <= 16 */
#define ZM_LSTM_MAX_INPUT 8u

typedef struct {
    uint8_t input_size;  /* I */
    uint8_t hidden_size; /* H */
    const float *W;      /* [4H][I] */
    const float *R;      /* [4H][H] */
    const float *B;      /* [8H] */
} zm_lstm_params_t;

typedef struct {
    float h[ZM_LSTM_MAX_HIDDEN];
    float c[ZM_LSTM_MAX_HIDDEN];
} zm_lstm_state_t;

/* Dense output head on the hidden state: y = act(Wh * h + bh). */
typedef enum { ZM_ACT_SIGMOID = 0 } zm_activation_t;
typedef struct {
    uint8_t outputs;
    uint8_t hidden_size;
    const float *W; /* [outputs][H] */
    const float *b; /* [outputs] */
    zm_activation_t activation;
} zm_dense_params_t;

void zm_lstm_reset(zm_lstm_state_t *s);
/* One time step: updates s->h and s->c from input x[I]. */
void zm_lstm_step(const zm_lstm_params_t *p, zm_lstm_state_t *s, const float *x);
void zm_dense_apply(const zm_dense_params_t *p, const float *h, float *y);

float zm_sigmoidf(float x);

#endif
