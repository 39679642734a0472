/* BLE frame codec: exact byte layout, capacity, round trip and rejection of malformed frames. */
#include <string.h>

#include "check.h"
#include "zm/crc16.h"
#include "zm/frame.h"

static zm_epoch_t make_epoch(uint32_t seq, uint32_t t)
{
    zm_epoch_t e = {.seq = seq, .t = t, .hr_dbpm = 832, .rmssd_dms = 410, .eda_ns = 113,
                    .activity_mg = 12, .scr = 1, .wear_quality = 0x80 | 85, .stress = 122, .anomaly = 10};
    return e;
}

static void test_exact_layout(void)
{
    /* The worked example of docs/FRAME.md: one epoch, hr 83.2, rmssd 41.0, eda 0.113,
     * activity 12, scr 1, worn with quality 0.85, stress 0.61, anomaly 0.05. */
    static const uint8_t expected[] = {
        0x01, 0x01,                                     /* version 1, count 1 */
        0x01, 0x00, 0x4d, 0x5a,                         /* device id 0x5A4D0001 */
        0x01, 0x00, 0x00, 0x00,                         /* seq 1 */
        0xe4, 0xe5, 0x00, 0x62,                         /* t 1644226020 = 2022-02-07T09:27:00Z */
        0x40, 0x03, 0x9a, 0x01, 0x71, 0x00, 0x0c, 0x00, /* hr 832, rmssd 410, eda 113, act 12 */
        0x01, 0xd5, 0x7a, 0x0a,                         /* scr 1, wear|85, stress 122, anomaly 10 */
        0x25, 0xfa};                                    /* CRC 0xFA25, little-endian */
    zm_epoch_t e = make_epoch(1, 1644226020u);
    uint8_t buf[ZM_FRAME_MAX_LEN];
    size_t len = zm_frame_encode(buf, sizeof buf, 0x5A4D0001u, &e, 1);
    CHECK_EQ_INT(len, sizeof expected);
    CHECK(memcmp(buf, expected, sizeof expected) == 0);
}

static size_t full_frame(uint8_t *buf, zm_epoch_t *ep)
{
    for (uint32_t k = 0; k < ZM_FRAME_MAX_EPOCHS; k++) {
        ep[k] = make_epoch(1000 + k, 1700000000u + 60u * k);
        ep[k].hr_dbpm = (uint16_t)(600 + k);
        ep[k].stress = (uint8_t)(k * 10);
    }
    ep[3].rmssd_dms = ZM_NA_U16; /* "not available" sentinels must survive */
    ep[4].scr = ZM_NA_U8;
    ep[4].stress = ZM_NA_U8;
    ep[4].anomaly = ZM_NA_U8;
    return zm_frame_encode(buf, ZM_FRAME_MAX_LEN, 0xCAFEF00Du, ep, ZM_FRAME_MAX_EPOCHS);
}

static void test_roundtrip_and_capacity(void)
{
    uint8_t buf[ZM_FRAME_MAX_LEN];
    zm_epoch_t ep[ZM_FRAME_MAX_EPOCHS + 1], out[ZM_FRAME_MAX_EPOCHS];
    CHECK_EQ_INT(ZM_FRAME_MAX_EPOCHS, 19);
    size_t len = full_frame(buf, ep);
    CHECK_EQ_INT(len, 244); /* exactly one 244-byte ATT payload */
    zm_frame_header_t h;
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, out, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.version, 1);
    CHECK_EQ_INT(h.count, 19);
    CHECK_EQ_INT(h.device_id, 0xCAFEF00Du);
    CHECK_EQ_INT(h.seq, 1000);
    CHECK_EQ_INT(h.t, 1700000000u);
    for (unsigned k = 0; k < ZM_FRAME_MAX_EPOCHS; k++) {
        CHECK(memcmp(&out[k], &ep[k], sizeof out[k]) == 0);
    }
    /* a caller buffer that is too small is reported, not overrun */
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, out, 18), ZM_FRAME_ECAPACITY);

    /* the encoder refuses 20 epochs, 0 epochs, a short buffer and non-consecutive epochs */
    ep[ZM_FRAME_MAX_EPOCHS] = make_epoch(1019, 1700000000u + 60u * 19);
    CHECK_EQ_INT(zm_frame_encode(buf, sizeof buf, 1, ep, 20), 0);
    CHECK_EQ_INT(zm_frame_encode(buf, sizeof buf, 1, ep, 0), 0);
    CHECK_EQ_INT(zm_frame_encode(buf, 100, 1, ep, 19), 0);
    zm_epoch_t gap[2] = {make_epoch(5, 600), make_epoch(6, 720)};
    CHECK_EQ_INT(zm_frame_encode(buf, sizeof buf, 1, gap, 2), 0);
    gap[1] = make_epoch(7, 660);
    CHECK_EQ_INT(zm_frame_encode(buf, sizeof buf, 1, gap, 2), 0);
}

static void test_rejections(void)
{
    uint8_t good[ZM_FRAME_MAX_LEN], bad[ZM_FRAME_MAX_LEN + 1];
    zm_epoch_t ep[ZM_FRAME_MAX_EPOCHS], out[ZM_FRAME_MAX_EPOCHS];
    zm_frame_header_t h;
    size_t len = full_frame(good, ep);

    /* bad CRC: every single-bit error anywhere in the frame is rejected */
    unsigned crc_rejects = 0;
    for (size_t bit = 0; bit < len * 8; bit++) {
        memcpy(bad, good, len);
        bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        zm_frame_status_t st = zm_frame_decode(bad, len, &h, out, ZM_FRAME_MAX_EPOCHS);
        CHECK(st != ZM_FRAME_OK);
        crc_rejects += st == ZM_FRAME_ECRC;
    }
    /* all bits except those of the version and count bytes are caught by the CRC itself */
    CHECK_EQ_INT(crc_rejects, (len - 2) * 8);

    /* truncation at every length */
    for (size_t n = 0; n < len; n++) {
        zm_frame_status_t st = zm_frame_decode(good, n, &h, out, ZM_FRAME_MAX_EPOCHS);
        CHECK_EQ_INT(st, ZM_FRAME_ETRUNCATED);
    }

    /* unknown version, even with a CRC that matches */
    memcpy(bad, good, len);
    bad[0] = 2;
    zm_put_u16(&bad[len - 2], zm_crc16(bad, len - 2));
    CHECK_EQ_INT(zm_frame_decode(bad, len, &h, out, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_EVERSION);
    bad[0] = 0;
    CHECK_EQ_INT(zm_frame_decode(bad, len, &h, out, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_EVERSION);

    /* count 0 and count 20 */
    memcpy(bad, good, len);
    bad[1] = 0;
    CHECK_EQ_INT(zm_frame_decode(bad, len, &h, out, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_ECOUNT);
    bad[1] = 20;
    CHECK_EQ_INT(zm_frame_decode(bad, len, &h, out, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_ECOUNT);

    /* a trailing byte */
    memcpy(bad, good, len);
    bad[len] = 0;
    CHECK_EQ_INT(zm_frame_decode(bad, len + 1, &h, out, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_ELENGTH);

    /* a shorter frame claiming more epochs than it carries */
    zm_epoch_t one = make_epoch(1, 60);
    size_t l1 = zm_frame_encode(bad, sizeof bad, 7, &one, 1);
    bad[1] = 2;
    CHECK_EQ_INT(zm_frame_decode(bad, l1, &h, out, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_ETRUNCATED);

    CHECK(strcmp(zm_frame_status_str(ZM_FRAME_ECRC), "CRC mismatch") == 0);
}

int main(void)
{
    test_exact_layout();
    test_roundtrip_and_capacity();
    test_rejections();
    return check_report("test_frame");
}
