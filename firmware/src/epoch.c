#include "zm/epoch.h"

#include <math.h>
#include <string.h>

/* Round a non-negative scaled value to u16, saturating below the NA sentinel. */
static uint16_t q16(float v, float scale)
{
    float s = v * scale + 0.5f;
    if (!(s > 0.0f)) { /* also catches NaN */
        return 0;
    }
    if (s >= (float)(ZM_NA_U16 - 1u)) {
        return (uint16_t)(ZM_NA_U16 - 1u);
    }
    return (uint16_t)s;
}

static uint8_t q8(float v, float scale, uint8_t max)
{
    float s = v * scale + 0.5f;
    if (!(s > 0.0f)) {
        return 0;
    }
    if (s >= (float)max) {
        return max;
    }
    return (uint8_t)s;
}

void zm_epoch_quantise(const zm_features_t *f, const zm_model_out_t *m, zm_epoch_t *e)
{
    e->hr_dbpm = (f->valid & ZM_F_HR) ? q16(f->hr_bpm, ZM_HR_PER_BPM) : ZM_NA_U16;
    e->rmssd_dms = (f->valid & ZM_F_RMSSD) ? q16(f->rmssd_ms, ZM_RMSSD_PER_MS) : ZM_NA_U16;
    e->eda_ns = (f->valid & ZM_F_EDA) ? q16(f->eda_tonic_us, ZM_EDA_PER_US) : ZM_NA_U16;
    e->activity_mg = (f->valid & ZM_F_ACTIVITY) ? q16(f->activity_mg, 1.0f) : ZM_NA_U16;
    if (f->valid & ZM_F_EDA) {
        e->scr = f->scr_count >= ZM_NA_U8 ? (uint8_t)(ZM_NA_U8 - 1u) : (uint8_t)f->scr_count;
    } else {
        e->scr = ZM_NA_U8;
    }
    e->wear_quality = (uint8_t)((f->worn ? ZM_WEAR_BIT : 0u) |
                                q8(f->quality, ZM_QUALITY_SCALE, (uint8_t)ZM_QUALITY_SCALE));
    if (m->valid) {
        e->stress = q8(m->stress, ZM_SCORE_SCALE, (uint8_t)ZM_SCORE_SCALE);
        e->anomaly = q8(m->anomaly, ZM_SCORE_SCALE, (uint8_t)ZM_SCORE_SCALE);
    } else {
        e->stress = ZM_NA_U8;
        e->anomaly = ZM_NA_U8;
    }
}

void zm_put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xFFu);
    p[1] = (uint8_t)(v >> 8);
}

void zm_put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v & 0xFFu);
    p[1] = (uint8_t)((v >> 8) & 0xFFu);
    p[2] = (uint8_t)((v >> 16) & 0xFFu);
    p[3] = (uint8_t)(v >> 24);
}

uint16_t zm_get_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

uint32_t zm_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

void zm_epoch_pack(const zm_epoch_t *e, uint8_t out[ZM_EPOCH_WIRE_LEN])
{
    zm_put_u16(&out[0], e->hr_dbpm);
    zm_put_u16(&out[2], e->rmssd_dms);
    zm_put_u16(&out[4], e->eda_ns);
    zm_put_u16(&out[6], e->activity_mg);
    out[8] = e->scr;
    out[9] = e->wear_quality;
    out[10] = e->stress;
    out[11] = e->anomaly;
}

void zm_epoch_unpack(const uint8_t in[ZM_EPOCH_WIRE_LEN], zm_epoch_t *e)
{
    e->hr_dbpm = zm_get_u16(&in[0]);
    e->rmssd_dms = zm_get_u16(&in[2]);
    e->eda_ns = zm_get_u16(&in[4]);
    e->activity_mg = zm_get_u16(&in[6]);
    e->scr = in[8];
    e->wear_quality = in[9];
    e->stress = in[10];
    e->anomaly = in[11];
}
