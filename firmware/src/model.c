#include "zm/model.h"

#include <math.h>

#include "generated/zm_lstm_weights.h"

#if ZM_LSTM_WEIGHTS_I != 5 || ZM_LSTM_WEIGHTS_H != 8 || ZM_LSTM_WEIGHTS_OUT != 2
#error "generated weights do not match the model dimensions in model.h"
#endif

const zm_lstm_params_t zm_model_lstm = {
    .input_size = ZM_MODEL_INPUTS,
    .hidden_size = ZM_MODEL_HIDDEN,
    .W = zm_lstm_W,
    .R = zm_lstm_R,
    .B = zm_lstm_B,
};

const zm_dense_params_t zm_model_head = {
    .outputs = ZM_MODEL_OUTPUTS,
    .hidden_size = ZM_MODEL_HIDDEN,
    .W = zm_head_W,
    .b = zm_head_b,
    .activation = ZM_ACT_SIGMOID,
};

/* Input normalisation (docs/LSTM.md). Reference points are typical resting values for a
 * school-age child/adult wrist device; the scales put one "unit" at a clearly visible
 * change. Every input is clipped to +-4 so that an artefact cannot saturate the model. */
#define NORM_HR_REF_BPM 75.0f
#define NORM_HR_SCALE_BPM 15.0f
#define NORM_RMSSD_REF_MS 40.0f
#define NORM_RMSSD_LOG_SCALE 0.6f /* ln-units: 0.6 ~ a factor of 1.8 */
#define NORM_SCR_SCALE 3.0f       /* responses per minute */
#define NORM_EDA_REF_US 2.0f
#define NORM_EDA_LOG_SCALE 1.0f
#define NORM_ACT_SCALE_MG 100.0f  /* ENMO of ordinary walking is ~100-200 mg */
#define NORM_CLIP 4.0f

static float clip(float v)
{
    return v > NORM_CLIP ? NORM_CLIP : (v < -NORM_CLIP ? -NORM_CLIP : v);
}

void zm_model_init(zm_model_t *m)
{
    zm_lstm_reset(&m->lstm);
}

void zm_model_normalise(const zm_features_t *f, float *x)
{
    /* a missing feature enters as 0, the reference value: it neither raises nor lowers */
    x[0] = (f->valid & ZM_F_HR) ? clip((f->hr_bpm - NORM_HR_REF_BPM) / NORM_HR_SCALE_BPM) : 0.0f;
    x[1] = (f->valid & ZM_F_RMSSD) && f->rmssd_ms > 0.0f
               ? clip(logf(f->rmssd_ms / NORM_RMSSD_REF_MS) / NORM_RMSSD_LOG_SCALE)
               : 0.0f;
    x[2] = (f->valid & ZM_F_EDA) ? clip((float)f->scr_count / NORM_SCR_SCALE) : 0.0f;
    x[3] = (f->valid & ZM_F_EDA) && f->eda_tonic_us > 0.0f
               ? clip(logf(f->eda_tonic_us / NORM_EDA_REF_US) / NORM_EDA_LOG_SCALE)
               : 0.0f;
    x[4] = (f->valid & ZM_F_ACTIVITY) ? clip(f->activity_mg / NORM_ACT_SCALE_MG) : 0.0f;
}

void zm_model_step(zm_model_t *m, const zm_features_t *f, zm_model_out_t *out)
{
    if (!f->worn) {
        out->valid = false;
        out->stress = 0.0f;
        out->anomaly = 0.0f;
        return;
    }
    float x[ZM_MODEL_INPUTS];
    float y[ZM_MODEL_OUTPUTS];
    zm_model_normalise(f, x);
    zm_lstm_step(&zm_model_lstm, &m->lstm, x);
    zm_dense_apply(&zm_model_head, m->lstm.h, y);
    out->valid = true;
    out->stress = y[0];
    out->anomaly = y[1];
}
