#include "zm/features.h"

#include <math.h>
#include <string.h>

void zm_feat_init(zm_feat_t *f)
{
    memset(f, 0, sizeof(*f));
}

/* Clear the per-epoch accumulators; keep state that spans epochs. */
static void start_epoch(zm_feat_t *f)
{
    f->hr_sum = 0.0f;
    f->hr_n = 0;
    f->ssd_sum_ms2 = 0.0f;
    f->ssd_n = 0;
    f->ibi_sum_ms = 0;
    f->ibi_n = 0;
    f->eda_n = 0;
    f->eda_valid_n = 0;
    f->scr_count = 0;
    f->enmo_sum_mg = 0.0f;
    f->acc_n = 0;
}

void zm_feat_add_hr(zm_feat_t *f, float hr_bpm)
{
    /* The PPG front-end reports 0 (or nonsense) when it has no lock; 25-250 bpm is the range
     * the ingestion API accepts, so anything outside is not a heart rate. */
    if (hr_bpm < 25.0f || hr_bpm > 250.0f || f->hr_n == UINT16_MAX) {
        return;
    }
    f->hr_sum += hr_bpm;
    f->hr_n++;
}

void zm_feat_add_ibi(zm_feat_t *f, uint32_t beat_ms, uint16_t ibi_ms)
{
    if (ibi_ms < ZM_IBI_MIN_MS || ibi_ms > ZM_IBI_MAX_MS) {
        f->have_prev_beat = false; /* an implausible interval breaks the chain of beats */
        return;
    }
    if (f->ibi_n < UINT16_MAX) {
        f->ibi_sum_ms += ibi_ms;
        f->ibi_n++;
    }
    if (f->have_prev_beat) {
        /* Successive only if no beat was missed between the two: the gap between the beat
         * timestamps must equal this interval. */
        uint32_t gap_ms = beat_ms - f->prev_beat_ms;
        uint32_t diff = gap_ms > ibi_ms ? gap_ms - ibi_ms : ibi_ms - gap_ms;
        if (diff <= ZM_IBI_SUCCESSIVE_TOL_MS) {
            float d = (float)ibi_ms - (float)f->prev_ibi_ms;
            if (fabsf(d) <= ZM_IBI_MAX_REL_CHANGE * (float)f->prev_ibi_ms && f->ssd_n < UINT16_MAX) {
                f->ssd_sum_ms2 += d * d;
                f->ssd_n++;
            }
        }
    }
    f->prev_beat_ms = beat_ms;
    f->prev_ibi_ms = ibi_ms;
    f->have_prev_beat = true;
}

static void scr_reset_window(zm_feat_t *f)
{
    f->scr_win_n = 0;
    f->scr_win_pos = 0;
}

/* SCR detector on valid samples. An onset is counted when the signal has risen by at least
 * ZM_SCR_MIN_AMPLITUDE_US above its minimum of the last ZM_SCR_RISE_WINDOW_S seconds. The
 * response then lasts until the signal falls ZM_SCR_PEAK_HYSTERESIS_US below its peak; the
 * rise window restarts there so one response is never counted twice. */
static void scr_update(zm_feat_t *f, float x)
{
    if (f->scr_in_response) {
        if (x > f->scr_peak_us) {
            f->scr_peak_us = x;
        } else if (x < f->scr_peak_us - ZM_SCR_PEAK_HYSTERESIS_US) {
            f->scr_in_response = false;
            scr_reset_window(f);
        }
    }
    /* the rise window holds the samples before x */
    if (!f->scr_in_response && f->scr_win_n > 0) {
        float lo = f->scr_win[0];
        for (uint8_t i = 1; i < f->scr_win_n; i++) {
            if (f->scr_win[i] < lo) {
                lo = f->scr_win[i];
            }
        }
        if (x - lo >= ZM_SCR_MIN_AMPLITUDE_US) {
            f->scr_in_response = true;
            f->scr_peak_us = x;
            if (f->scr_count < UINT16_MAX) {
                f->scr_count++;
            }
        }
    }
    f->scr_win[f->scr_win_pos] = x;
    f->scr_win_pos = (uint8_t)((f->scr_win_pos + 1u) % ZM_SCR_RISE_WINDOW_SAMPLES);
    if (f->scr_win_n < ZM_SCR_RISE_WINDOW_SAMPLES) {
        f->scr_win_n++;
    }
}

void zm_feat_add_eda(zm_feat_t *f, float eda_us)
{
    /* one sample period is 1/ZM_EDA_HZ s, so the slope limit per sample is: */
    const float max_step_us = ZM_EDA_MAX_SLOPE_US_PER_S / (float)ZM_EDA_HZ;
    bool valid = eda_us >= ZM_EDA_MIN_VALID_US && eda_us <= ZM_EDA_MAX_VALID_US;
    if (valid && f->have_eda_prev && fabsf(eda_us - f->eda_prev_us) > max_step_us) {
        valid = false;
    }
    f->eda_prev_us = eda_us;
    f->have_eda_prev = true;
    if (f->eda_n < UINT16_MAX) {
        f->eda_n++;
    }
    if (!valid) {
        /* an artefact or loss of contact interrupts the response detector */
        f->scr_in_response = false;
        scr_reset_window(f);
        return;
    }
    if (f->eda_valid_n < ZM_EDA_SAMPLES_PER_EPOCH) {
        f->eda_valid[f->eda_valid_n++] = eda_us;
    }
    scr_update(f, eda_us);
}

void zm_feat_add_acc(zm_feat_t *f, int16_t x, int16_t y, int16_t z)
{
    /* ENMO (van Hees et al. 2013, PLoS ONE 8:e61691): Euclidean norm minus one g, negative
     * values truncated to zero. Integer sum of squares is exact for 16-bit inputs. */
    int32_t ss = (int32_t)x * x + (int32_t)y * y + (int32_t)z * z;
    float norm_g = sqrtf((float)ss) / ZM_ACC_LSB_PER_G;
    float enmo_mg = (norm_g - 1.0f) * 1000.0f;
    if (enmo_mg < 0.0f) {
        enmo_mg = 0.0f;
    }
    if (f->acc_n < UINT16_MAX) {
        f->enmo_sum_mg += enmo_mg;
        f->acc_n++;
    }
}

float zm_median_inplace(float *v, uint16_t n)
{
    /* insertion sort: n <= 240 and it runs once a minute */
    for (uint16_t i = 1; i < n; i++) {
        float key = v[i];
        uint16_t j = i;
        while (j > 0 && v[j - 1] > key) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = key;
    }
    if (n % 2u) {
        return v[n / 2u];
    }
    return 0.5f * (v[n / 2u - 1u] + v[n / 2u]);
}

static float clamp01(float x)
{
    return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x);
}

void zm_feat_finish(zm_feat_t *f, zm_features_t *out)
{
    memset(out, 0, sizeof(*out));

    if (f->hr_n >= ZM_MIN_HR_SAMPLES) {
        out->hr_bpm = f->hr_sum / (float)f->hr_n;
        out->valid |= ZM_F_HR;
    } else if (f->hr_n == 0 && f->ibi_n >= ZM_MIN_IBI_FOR_HR) {
        /* no 1 Hz HR stream: mean HR from the mean inter-beat interval */
        out->hr_bpm = 60000.0f * (float)f->ibi_n / (float)f->ibi_sum_ms;
        out->valid |= ZM_F_HR;
    }

    if (f->ssd_n >= ZM_MIN_RMSSD_PAIRS) {
        out->rmssd_ms = sqrtf(f->ssd_sum_ms2 / (float)f->ssd_n);
        out->valid |= ZM_F_RMSSD;
    }

    if (f->eda_valid_n >= ZM_MIN_EDA_VALID_SAMPLES) {
        out->eda_tonic_us = zm_median_inplace(f->eda_valid, f->eda_valid_n);
        out->scr_count = f->scr_count;
        out->valid |= ZM_F_EDA;
    }

    if (f->acc_n >= ZM_MIN_ACC_SAMPLES) {
        out->activity_mg = f->enmo_sum_mg / (float)f->acc_n;
        out->valid |= ZM_F_ACTIVITY;
    }

    /* Wear: skin contact shows as valid EDA. Without an EDA stream, a heart rate lock is
     * the only evidence of wear. */
    if (f->eda_n > 0) {
        out->worn = f->eda_valid_n >= ZM_WEAR_MIN_EDA_VALID;
    } else {
        out->worn = (out->valid & ZM_F_HR) != 0;
    }

    /* Quality: mean coverage of the two physiological streams over the minute. */
    float hr_cov = clamp01((float)f->hr_n / (float)ZM_HR_SAMPLES_PER_EPOCH);
    if (f->hr_n == 0 && f->ibi_n > 0) {
        hr_cov = clamp01((float)f->ibi_sum_ms / (1000.0f * (float)ZM_EPOCH_S));
    }
    float eda_cov = clamp01((float)f->eda_valid_n / (float)ZM_EDA_SAMPLES_PER_EPOCH);
    out->quality = f->eda_n > 0 ? 0.5f * (hr_cov + eda_cov) : hr_cov;
    if (!out->worn) {
        out->quality = 0.0f;
    }

    start_epoch(f);
}
