/*
 * Store-and-forward link logic: builds BLE frames from the store, tracks what the phone has
 * acknowledged, and on (re)connect resends from the phone's last acknowledged sequence number.
 */
#ifndef ZM_FORWARDER_H
#define ZM_FORWARDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zm/store.h"

typedef struct {
    zm_store_t *store;
    uint32_t device_id;
    uint32_t acked;    /* highest seq the phone confirmed (everything <= acked is delivered) */
    uint32_t next_after; /* frames in flight end at this seq; the next frame starts after it */
    bool connected;
} zm_fwd_t;

void zm_fwd_init(zm_fwd_t *f, zm_store_t *store, uint32_t device_id);
/* The phone connects and reports the highest seq it holds (0 = none). The phone is the
 * source of truth, so this also covers a device reboot that lost the RAM copy. */
void zm_fwd_connect(zm_fwd_t *f, uint32_t phone_acked_seq);
/* Link lost: everything not acknowledged will be sent again on the next connect. */
void zm_fwd_disconnect(zm_fwd_t *f);
/* The phone acknowledged all epochs up to and including seq. */
void zm_fwd_ack(zm_fwd_t *f, uint32_t seq);
/* Build the next frame (up to ZM_FRAME_MAX_EPOCHS consecutive epochs). Returns its length,
 * or 0 when not connected or nothing is pending. */
size_t zm_fwd_next_frame(zm_fwd_t *f, uint8_t *buf, size_t cap);

#endif
