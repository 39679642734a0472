#include "zm/frame.h"

#include "zm/crc16.h"

/* header offsets */
#define OFF_VERSION 0u
#define OFF_COUNT 1u
#define OFF_DEVICE 2u
#define OFF_SEQ 6u
#define OFF_TIME 10u

size_t zm_frame_encode(uint8_t *out, size_t cap, uint32_t device_id, const zm_epoch_t *epochs,
                       size_t n)
{
    if (n == 0 || n > ZM_FRAME_MAX_EPOCHS || cap < ZM_FRAME_LEN(n)) {
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if (epochs[k].seq != epochs[0].seq + k || epochs[k].t != epochs[0].t + k * ZM_EPOCH_S) {
            return 0;
        }
    }
    out[OFF_VERSION] = ZM_FRAME_VERSION;
    out[OFF_COUNT] = (uint8_t)n;
    zm_put_u32(&out[OFF_DEVICE], device_id);
    zm_put_u32(&out[OFF_SEQ], epochs[0].seq);
    zm_put_u32(&out[OFF_TIME], epochs[0].t);
    uint8_t *p = &out[ZM_FRAME_HEADER_LEN];
    for (size_t k = 0; k < n; k++, p += ZM_EPOCH_WIRE_LEN) {
        zm_epoch_pack(&epochs[k], p);
    }
    size_t body = (size_t)(p - out);
    zm_put_u16(p, zm_crc16(out, body));
    return body + ZM_FRAME_CRC_LEN;
}

zm_frame_status_t zm_frame_decode(const uint8_t *in, size_t len, zm_frame_header_t *hdr,
                                  zm_epoch_t *epochs, size_t cap)
{
    if (len < ZM_FRAME_OVERHEAD) {
        return ZM_FRAME_ETRUNCATED;
    }
    /* the version decides the layout, so it is checked before anything that depends on it */
    if (in[OFF_VERSION] != ZM_FRAME_VERSION) {
        return ZM_FRAME_EVERSION;
    }
    uint8_t n = in[OFF_COUNT];
    if (n == 0 || n > ZM_FRAME_MAX_EPOCHS) {
        return ZM_FRAME_ECOUNT;
    }
    size_t expected = ZM_FRAME_LEN(n);
    if (len < expected) {
        return ZM_FRAME_ETRUNCATED;
    }
    if (len > expected) {
        return ZM_FRAME_ELENGTH;
    }
    if (zm_crc16(in, expected - ZM_FRAME_CRC_LEN) != zm_get_u16(&in[expected - ZM_FRAME_CRC_LEN])) {
        return ZM_FRAME_ECRC;
    }
    if (cap < n) {
        return ZM_FRAME_ECAPACITY;
    }
    hdr->version = in[OFF_VERSION];
    hdr->count = n;
    hdr->device_id = zm_get_u32(&in[OFF_DEVICE]);
    hdr->seq = zm_get_u32(&in[OFF_SEQ]);
    hdr->t = zm_get_u32(&in[OFF_TIME]);
    const uint8_t *p = &in[ZM_FRAME_HEADER_LEN];
    for (uint8_t k = 0; k < n; k++, p += ZM_EPOCH_WIRE_LEN) {
        zm_epoch_unpack(p, &epochs[k]);
        epochs[k].seq = hdr->seq + k;
        epochs[k].t = hdr->t + (uint32_t)k * ZM_EPOCH_S;
    }
    return ZM_FRAME_OK;
}

const char *zm_frame_status_str(zm_frame_status_t s)
{
    switch (s) {
    case ZM_FRAME_OK:
        return "ok";
    case ZM_FRAME_ETRUNCATED:
        return "truncated";
    case ZM_FRAME_EVERSION:
        return "unknown version";
    case ZM_FRAME_ECOUNT:
        return "bad epoch count";
    case ZM_FRAME_ELENGTH:
        return "trailing bytes";
    case ZM_FRAME_ECRC:
        return "CRC mismatch";
    case ZM_FRAME_ECAPACITY:
        return "buffer too small";
    }
    return "unknown";
}
