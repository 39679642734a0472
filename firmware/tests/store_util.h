/* Shared helpers for the store tests: deterministic epoch content derived from seq, so that
 * any record read back can be checked against what was written. */
#ifndef ZM_STORE_UTIL_H
#define ZM_STORE_UTIL_H

#include <string.h>

#include "zm/flash_ram.h"
#include "zm/frame.h"
#include "zm/forwarder.h"
#include "zm/store.h"

#define T0 1700000000u /* 2023-11-14T22:13:20Z; T_BASE rounds it down to a minute */
#define T_BASE (T0 - T0 % 60u)

static zm_epoch_t expected_epoch(uint32_t seq)
{
    zm_epoch_t e;
    memset(&e, 0, sizeof e);
    e.seq = seq;
    e.t = T_BASE + 60u * seq;
    e.hr_dbpm = (uint16_t)(250u + seq % 2000u);
    e.rmssd_dms = (uint16_t)(seq * 7u % 3000u);
    e.eda_ns = (uint16_t)(seq * 13u % 40000u);
    e.activity_mg = (uint16_t)(seq % 500u);
    e.scr = (uint8_t)(seq % 9u);
    e.wear_quality = (uint8_t)(0x80u | (seq % 101u));
    e.stress = (uint8_t)(seq % 201u);
    e.anomaly = (uint8_t)((seq * 3u) % 201u);
    return e;
}

static int append_expected(zm_store_t *s)
{
    zm_epoch_t e = expected_epoch(s->next_seq);
    return zm_store_append(s, &e, NULL);
}

static bool same_epoch(const zm_epoch_t *a, const zm_epoch_t *b)
{
    return a->seq == b->seq && a->t == b->t && a->hr_dbpm == b->hr_dbpm && a->rmssd_dms == b->rmssd_dms &&
           a->eda_ns == b->eda_ns && a->activity_mg == b->activity_mg && a->scr == b->scr &&
           a->wear_quality == b->wear_quality && a->stress == b->stress && a->anomaly == b->anomaly;
}

/* Walk the whole store: every record must be exactly what was written for its seq and seqs
 * must strictly increase. Returns the number of records, or -1 on the first bad one. */
static long verify_store(zm_store_t *s, uint32_t *first, uint32_t *last)
{
    zm_epoch_t e;
    uint32_t after = 0;
    long n = 0;
    *first = 0;
    *last = 0;
    while (zm_store_next(s, after, &e)) {
        zm_epoch_t want = expected_epoch(e.seq);
        if (e.seq <= after || !same_epoch(&e, &want)) {
            return -1;
        }
        if (n == 0) {
            *first = e.seq;
        }
        *last = e.seq;
        after = e.seq;
        n++;
    }
    return n;
}

/* Drain all frames through a forwarder and check every decoded epoch. Returns epochs sent or -1. */
static long verify_frames(zm_store_t *s, uint32_t phone_acked)
{
    zm_fwd_t fwd;
    zm_fwd_init(&fwd, s, 1);
    zm_fwd_connect(&fwd, phone_acked);
    uint8_t buf[ZM_FRAME_MAX_LEN];
    size_t len;
    long n = 0;
    uint32_t prev = phone_acked;
    while ((len = zm_fwd_next_frame(&fwd, buf, sizeof buf)) > 0) {
        zm_frame_header_t h;
        zm_epoch_t ep[ZM_FRAME_MAX_EPOCHS];
        if (zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS) != ZM_FRAME_OK) {
            return -1;
        }
        for (unsigned k = 0; k < h.count; k++) {
            zm_epoch_t want = expected_epoch(ep[k].seq);
            if (ep[k].seq <= prev || !same_epoch(&ep[k], &want)) {
                return -1;
            }
            prev = ep[k].seq;
            n++;
        }
        zm_fwd_ack(&fwd, h.seq + h.count - 1u);
    }
    return n;
}

#endif
