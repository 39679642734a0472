/*
 * BLE frame codec. Layout in docs/FRAME.md:
 *   version u8 | count u8 | device_id u32 | seq u32 | t u32 | count x 12-byte epochs | crc16
 * Little-endian; CRC-16/CCITT-FALSE over every byte before the CRC.
 * The epochs in one frame are consecutive: epoch k has seq + k and t + 60 k.
 */
#ifndef ZM_FRAME_H
#define ZM_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "zm/config.h"
#include "zm/epoch.h"

#define ZM_FRAME_VERSION 1u
#define ZM_FRAME_HEADER_LEN 14u
#define ZM_FRAME_CRC_LEN 2u
#define ZM_FRAME_OVERHEAD (ZM_FRAME_HEADER_LEN + ZM_FRAME_CRC_LEN)
#define ZM_FRAME_MAX_LEN ZM_BLE_ATT_PAYLOAD
/* (244 - 16) / 12 = 19 epochs, and 16 + 19 * 12 = 244 exactly */
#define ZM_FRAME_MAX_EPOCHS ((ZM_FRAME_MAX_LEN - ZM_FRAME_OVERHEAD) / ZM_EPOCH_WIRE_LEN)
#define ZM_FRAME_LEN(n) (ZM_FRAME_OVERHEAD + (size_t)(n) * ZM_EPOCH_WIRE_LEN)

typedef enum {
    ZM_FRAME_OK = 0,
    ZM_FRAME_ETRUNCATED = -1, /* shorter than the header or than count says */
    ZM_FRAME_EVERSION = -2,   /* unknown version byte */
    ZM_FRAME_ECOUNT = -3,     /* count 0 or more than ZM_FRAME_MAX_EPOCHS */
    ZM_FRAME_ELENGTH = -4,    /* longer than count says (trailing bytes) */
    ZM_FRAME_ECRC = -5,       /* CRC mismatch */
    ZM_FRAME_ECAPACITY = -6   /* caller's epoch buffer too small */
} zm_frame_status_t;

typedef struct {
    uint8_t version;
    uint8_t count;
    uint32_t device_id;
    uint32_t seq; /* of the first epoch */
    uint32_t t;   /* of the first epoch */
} zm_frame_header_t;

/* Encode n (1..ZM_FRAME_MAX_EPOCHS) consecutive epochs. Returns the frame length, or 0 if
 * n is out of range, cap is too small or the epochs are not consecutive in seq and time. */
size_t zm_frame_encode(uint8_t *out, size_t cap, uint32_t device_id, const zm_epoch_t *epochs,
                       size_t n);

/* Decode and validate a frame. On success fills hdr and epochs[0..count-1]. */
zm_frame_status_t zm_frame_decode(const uint8_t *in, size_t len, zm_frame_header_t *hdr,
                                  zm_epoch_t *epochs, size_t cap);

const char *zm_frame_status_str(zm_frame_status_t s);

#endif
