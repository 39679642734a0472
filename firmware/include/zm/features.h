/*
 * Sensor pipeline: raw streams in, one-minute epoch features out.
 * Methods and sources are documented in docs/FEATURES.md.
 */
#ifndef ZM_FEATURES_H
#define ZM_FEATURES_H

#include <stdbool.h>
#include <stdint.h>

#include "zm/config.h"

/* Validity bits of zm_features_t.valid */
#define ZM_F_HR 0x01u
#define ZM_F_RMSSD 0x02u
#define ZM_F_EDA 0x04u /* eda_tonic_us and scr_count */
#define ZM_F_ACTIVITY 0x08u

typedef struct {
    uint8_t valid;        /* ZM_F_* bits: which of the fields below are meaningful */
    bool worn;            /* wear detection result */
    float hr_bpm;         /* mean heart rate, beats per minute */
    float rmssd_ms;       /* root mean square of successive IBI differences, ms */
    float eda_tonic_us;   /* tonic skin conductance level (median), microsiemens */
    uint16_t scr_count;   /* skin-conductance responses whose onset fell in this epoch */
    float activity_mg;    /* mean ENMO, milli-g */
    float quality;        /* 0..1 signal coverage, see FEATURES.md */
} zm_features_t;

/* Pipeline state. Holds one epoch of EDA samples (for the median) plus the detector
 * state that carries across epoch boundaries (previous beat, SCR detector). */
typedef struct {
    /* heart rate (1 Hz stream) */
    float hr_sum;
    uint16_t hr_n;
    /* inter-beat intervals */
    uint32_t prev_beat_ms;
    uint16_t prev_ibi_ms;
    bool have_prev_beat;
    float ssd_sum_ms2; /* sum of squared successive differences */
    uint16_t ssd_n;
    uint32_t ibi_sum_ms;
    uint16_t ibi_n;
    /* EDA */
    float eda_valid[ZM_EDA_SAMPLES_PER_EPOCH]; /* valid samples of this epoch, for the median */
    uint16_t eda_n;                            /* samples received (valid or not) */
    uint16_t eda_valid_n;
    float eda_prev_us;
    bool have_eda_prev;
    float scr_win[ZM_SCR_RISE_WINDOW_SAMPLES]; /* last valid samples, for the rise test */
    uint8_t scr_win_n;
    uint8_t scr_win_pos;
    bool scr_in_response;
    float scr_peak_us;
    uint16_t scr_count;
    /* acceleration */
    float enmo_sum_mg;
    uint16_t acc_n;
} zm_feat_t;

/* Reset everything, including cross-epoch state (use at power-up). */
void zm_feat_init(zm_feat_t *f);

/* Feed samples of the current epoch. */
void zm_feat_add_hr(zm_feat_t *f, float hr_bpm);
/* beat_ms: timestamp of the beat that ends this interval, on any monotonic ms clock. */
void zm_feat_add_ibi(zm_feat_t *f, uint32_t beat_ms, uint16_t ibi_ms);
void zm_feat_add_eda(zm_feat_t *f, float eda_us);
/* Raw accelerometer counts, ZM_ACC_LSB_PER_G per g. */
void zm_feat_add_acc(zm_feat_t *f, int16_t x, int16_t y, int16_t z);

/* Compute the epoch's features and start the next epoch (cross-epoch state is kept). */
void zm_feat_finish(zm_feat_t *f, zm_features_t *out);

/* Median of n floats; reorders the array in place (exposed for tests). n must be > 0. */
float zm_median_inplace(float *v, uint16_t n);

#endif
