/*
 * Golden round trip: replaying the recording reproduces the committed frames byte for byte,
 * and decoding the committed frames gives the committed epochs.
 *
 *   test_golden RECORDING_DIR GOLDEN.json [--optional]
 * With --optional the test is skipped (exit 77) when the recording is not present.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json_min.h"
#include "replay_lib.h"

#define SKIP 77
#define EXACT 1e-9 /* committed numbers are printed at the quantisation resolution */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = strlen(hex) / 2;
    if (strlen(hex) % 2 || n > cap) return 0;
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return 0;
        out[i] = (uint8_t)(hi * 16 + lo);
    }
    return n;
}

/* committed value: null when the wire value is the NA sentinel, else value/scale */
static void check_field(const json_t *ep, const char *key, unsigned wire, unsigned na, double scale)
{
    const json_t *v = json_get(ep, key);
    CHECK(v != NULL);
    if (!v) return;
    if (wire == na) {
        CHECK(v->type == JSON_NULL);
    } else {
        CHECK(v->type == JSON_NUMBER);
        CHECK_NEAR(v->number, wire / scale, EXACT);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_golden RECORDING_DIR GOLDEN.json [--optional]\n");
        return 2;
    }
    const char *dir = argv[1], *golden = argv[2];
    if (argc > 3 && strcmp(argv[3], "--optional") == 0) {
        char probe[1024];
        snprintf(probe, sizeof probe, "%s/HR.csv", dir);
        FILE *f = fopen(probe, "r");
        if (!f) {
            printf("SKIPPED: %s is not available\n", dir);
            return SKIP;
        }
        fclose(f);
    }
    json_t *doc = json_load_file(golden);
    CHECK(doc != NULL);
    if (!doc) return check_report("test_golden");

    uint32_t device_id = (uint32_t)strtoul(json_get(doc, "deviceId")->string, NULL, 16);
    zm_replay_result_t res;
    CHECK_EQ_INT(zm_replay_dir(dir, device_id, &res), 0);

    const json_t *frames = json_get(doc, "frames");
    CHECK(frames && frames->n > 0);
    CHECK_EQ_INT(frames->n, res.n_frames);
    CHECK_EQ_INT(json_get(doc, "epochCount")->number, res.n_epochs);
    unsigned epochs_seen = 0;
    for (size_t i = 0; frames && i < frames->n; i++) {
        const json_t *fr = json_at(frames, i);
        uint8_t bytes[ZM_FRAME_MAX_LEN + 1];
        size_t len = unhex(json_get(fr, "hex")->string, bytes, sizeof bytes);
        CHECK(len > 0);
        CHECK_EQ_INT(json_get(fr, "length")->number, len);
        /* 1. replay reproduces the committed frame exactly */
        if (i < res.n_frames) {
            CHECK_EQ_INT(res.frames[i].len, len);
            CHECK(len == res.frames[i].len && memcmp(res.frames[i].bytes, bytes, len) == 0);
        }
        /* 2. decoding the committed frame gives the committed epochs */
        zm_frame_header_t h;
        zm_epoch_t ep[ZM_FRAME_MAX_EPOCHS];
        CHECK_EQ_INT(zm_frame_decode(bytes, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
        CHECK_EQ_INT(h.device_id, device_id);
        CHECK_EQ_INT(json_get(fr, "seq")->number, h.seq);
        CHECK_EQ_INT(json_get(fr, "count")->number, h.count);
        const json_t *eps = json_get(fr, "epochs");
        CHECK_EQ_INT(eps->n, h.count);
        for (unsigned k = 0; k < h.count && k < eps->n; k++, epochs_seen++) {
            const json_t *e = json_at(eps, k);
            char t[21];
            zm_iso8601(ep[k].t, t);
            CHECK_EQ_INT(json_get(e, "seq")->number, ep[k].seq);
            CHECK(strcmp(json_get(e, "t")->string, t) == 0);
            check_field(e, "hr", ep[k].hr_dbpm, ZM_NA_U16, 10.0);
            check_field(e, "rmssd", ep[k].rmssd_dms, ZM_NA_U16, 10.0);
            check_field(e, "eda", ep[k].eda_ns, ZM_NA_U16, 1000.0);
            check_field(e, "activity", ep[k].activity_mg, ZM_NA_U16, 1.0);
            check_field(e, "scr", ep[k].scr, ZM_NA_U8, 1.0);
            check_field(e, "stress", ep[k].stress, ZM_NA_U8, 200.0);
            check_field(e, "anomaly", ep[k].anomaly, ZM_NA_U8, 200.0);
            check_field(e, "quality", ep[k].wear_quality & ZM_QUALITY_MASK, 0x100u, 100.0);
            const json_t *wear = json_get(e, "wear");
            CHECK(wear && wear->type == JSON_BOOL);
            CHECK_EQ_INT(wear ? wear->number : -1, (ep[k].wear_quality & ZM_WEAR_BIT) ? 1 : 0);
        }
    }
    CHECK_EQ_INT(epochs_seen, res.n_epochs);
    printf("%s: %zu frames, %u epochs\n", golden, res.n_frames, epochs_seen);
    zm_replay_free(&res);
    json_free(doc);
    return check_report("test_golden");
}
