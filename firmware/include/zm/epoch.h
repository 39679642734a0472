/*
 * The quantised epoch: what is stored in flash and sent over BLE.
 * Resolutions and sentinels are documented in docs/FRAME.md.
 */
#ifndef ZM_EPOCH_H
#define ZM_EPOCH_H

#include <stdint.h>

#include "zm/features.h"
#include "zm/model.h"

#define ZM_NA_U16 0xFFFFu /* "not available" for 16-bit fields */
#define ZM_NA_U8 0xFFu    /* "not available" for 8-bit fields */

#define ZM_HR_PER_BPM 10.0f     /* hr_dbpm: 0.1 bpm */
#define ZM_RMSSD_PER_MS 10.0f   /* rmssd_dms: 0.1 ms */
#define ZM_EDA_PER_US 1000.0f   /* eda_ns: 0.001 uS (1 nS) */
#define ZM_SCORE_SCALE 200.0f   /* stress/anomaly: steps of 0.005 */
#define ZM_QUALITY_SCALE 100.0f /* quality: percent */
#define ZM_WEAR_BIT 0x80u       /* wear_quality bit 7 */
#define ZM_QUALITY_MASK 0x7Fu   /* wear_quality bits 0..6 */

#define ZM_EPOCH_WIRE_LEN 12u /* bytes per epoch on the wire and in a store record */

typedef struct {
    uint32_t seq;         /* sequence number, 1, 2, 3, ... (0 = none) */
    uint32_t t;           /* epoch start, unix seconds UTC, multiple of 60 */
    uint16_t hr_dbpm;     /* mean HR in 0.1 bpm */
    uint16_t rmssd_dms;   /* RMSSD in 0.1 ms */
    uint16_t eda_ns;      /* tonic EDA in nS (0.001 uS) */
    uint16_t activity_mg; /* mean ENMO in mg */
    uint8_t scr;          /* SCR count */
    uint8_t wear_quality; /* bit 7 worn, bits 0..6 quality in percent */
    uint8_t stress;       /* 0..200 = 0..1 */
    uint8_t anomaly;      /* 0..200 = 0..1 */
} zm_epoch_t;

/* Quantise features and model output (seq and t are set by the caller / the store). */
void zm_epoch_quantise(const zm_features_t *f, const zm_model_out_t *m, zm_epoch_t *e);

/* Little-endian wire form of the 12 measurement bytes (without seq and t). */
void zm_epoch_pack(const zm_epoch_t *e, uint8_t out[ZM_EPOCH_WIRE_LEN]);
void zm_epoch_unpack(const uint8_t in[ZM_EPOCH_WIRE_LEN], zm_epoch_t *e);

/* Little-endian helpers shared by the frame and store codecs. */
void zm_put_u16(uint8_t *p, uint16_t v);
void zm_put_u32(uint8_t *p, uint32_t v);
uint16_t zm_get_u16(const uint8_t *p);
uint32_t zm_get_u32(const uint8_t *p);

#endif
