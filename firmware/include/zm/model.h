/*
 * The TinyLSTM stress model: input normalisation, the LSTM with the generated weights,
 * and the dense head that yields a smoothed stress value and an anomaly score.
 * See docs/LSTM.md for what the weights are (hand-constructed, not trained).
 */
#ifndef ZM_MODEL_H
#define ZM_MODEL_H

#include <stdbool.h>

#include "zm/features.h"
#include "zm/lstm.h"

#define ZM_MODEL_INPUTS 5u  /* hr, rmssd, scr, eda, activity (normalised) */
#define ZM_MODEL_HIDDEN 8u
#define ZM_MODEL_OUTPUTS 2u /* stress, anomaly */

typedef struct {
    zm_lstm_state_t lstm;
} zm_model_t;

typedef struct {
    bool valid;    /* false when the device was not worn: the model was not stepped */
    float stress;  /* 0..1 */
    float anomaly; /* 0..1 */
} zm_model_out_t;

extern const zm_lstm_params_t zm_model_lstm;
extern const zm_dense_params_t zm_model_head;

void zm_model_init(zm_model_t *m);
/* Map epoch features to the model's normalised input vector x[ZM_MODEL_INPUTS]. */
void zm_model_normalise(const zm_features_t *f, float *x);
/* Step the model with one epoch. Epochs that were not worn leave the state untouched. */
void zm_model_step(zm_model_t *m, const zm_features_t *f, zm_model_out_t *out);

#endif
