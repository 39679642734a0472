#include "replay_lib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zm/device.h"
#include "zm/flash_ram.h"

/* ---------- E4 CSV reading ---------- */

typedef struct {
    bool present;
    double start_s; /* row 1 */
    double rate_hz; /* row 2 (not in IBI.csv) */
    size_t n;       /* rows of data */
    int cols;
    double *v; /* n * cols */
} e4_file_t;

static void e4_free(e4_file_t *f)
{
    free(f->v);
    memset(f, 0, sizeof(*f));
}

/* Read an E4 CSV. has_rate: the second row is the sample rate. cols: values per data row.
 * Returns 0 (file missing is not an error: f->present stays false) or 2 on bad content. */
static int e4_read(const char *dir, const char *name, bool has_rate, int cols, e4_file_t *f)
{
    char path[1024];
    memset(f, 0, sizeof(*f));
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        return 0;
    }
    char line[256];
    size_t cap = 0;
    long lineno = 0;
    int rc = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        char *p = line;
        if (lineno == 1) {
            f->start_s = strtod(p, NULL);
            continue;
        }
        if (lineno == 2 && has_rate) {
            f->rate_hz = strtod(p, NULL);
            if (!(f->rate_hz > 0.0)) {
                fprintf(stderr, "%s:2:1: sample rate is not a positive number\n", path);
                rc = 2;
                break;
            }
            continue;
        }
        if (line[0] == '\n' || line[0] == '\r' || line[0] == '\0') {
            continue;
        }
        if (f->n == cap) {
            cap = cap ? cap * 2 : 4096;
            double *nv = realloc(f->v, cap * (size_t)cols * sizeof(double));
            if (!nv) {
                fprintf(stderr, "%s: out of memory\n", path);
                rc = 2;
                break;
            }
            f->v = nv;
        }
        for (int c = 0; c < cols; c++) {
            char *end;
            double x = strtod(p, &end);
            if (end == p) {
                fprintf(stderr, "%s:%ld:%d: not a number\n", path, lineno, c + 1);
                rc = 2;
                break;
            }
            f->v[f->n * (size_t)cols + (size_t)c] = x;
            p = end;
            while (*p == ',' || *p == ' ') {
                p++;
            }
        }
        if (rc) {
            break;
        }
        f->n++;
    }
    fclose(fp);
    if (rc) {
        e4_free(f);
        return rc;
    }
    f->present = true;
    f->cols = cols;
    return 0;
}

/* sample i of a regularly sampled stream, in ms relative to base_ms */
static int64_t sample_ms(const e4_file_t *f, size_t i, int64_t base_ms)
{
    int64_t start_ms = llround(f->start_s * 1000.0);
    return start_ms - base_ms + (int64_t)floor((double)i * 1000.0 / f->rate_hz);
}

static double stream_end_s(const e4_file_t *f)
{
    return f->start_s + (double)f->n / f->rate_hz;
}

/* ---------- replay ---------- */

static uint8_t flash_mem[ZM_STORE_BYTES]; /* simulated flash of the replayed device */

static int push_frame(zm_replay_result_t *res, const uint8_t *buf, size_t len)
{
    zm_replay_frame_t *nf = realloc(res->frames, (res->n_frames + 1) * sizeof(*nf));
    if (!nf) {
        return -1;
    }
    res->frames = nf;
    memcpy(nf[res->n_frames].bytes, buf, len);
    nf[res->n_frames].len = len;
    res->n_frames++;
    return 0;
}

/* The phone is connected during the whole replay: it receives a frame whenever a full one
 * is pending and acknowledges it; the remainder is flushed at the end. */
static int sync_frames(zm_device_t *d, zm_replay_result_t *res, bool flush)
{
    for (;;) {
        uint32_t pending = (d->store.next_seq - 1u) - d->fwd.next_after;
        if (pending == 0 || (!flush && pending < ZM_FRAME_MAX_EPOCHS)) {
            return 0;
        }
        uint8_t buf[ZM_FRAME_MAX_LEN];
        size_t len = zm_fwd_next_frame(&d->fwd, buf, sizeof buf);
        if (len == 0) {
            return 0;
        }
        if (push_frame(res, buf, len) != 0) {
            return -1;
        }
        zm_fwd_ack(&d->fwd, d->fwd.next_after);
    }
}

int zm_replay_dir(const char *dir, uint32_t device_id, zm_replay_result_t *res)
{
    e4_file_t hr = {0}, eda = {0}, ibi = {0}, acc = {0};
    memset(res, 0, sizeof(*res));
    int rc = e4_read(dir, "HR.csv", true, 1, &hr);
    rc = rc ? rc : e4_read(dir, "EDA.csv", true, 1, &eda);
    rc = rc ? rc : e4_read(dir, "IBI.csv", false, 2, &ibi);
    rc = rc ? rc : e4_read(dir, "ACC.csv", true, 3, &acc);
    if (rc) {
        goto out;
    }
    if (!hr.present && !eda.present && !ibi.present && !acc.present) {
        fprintf(stderr, "%s: no HR.csv, EDA.csv, IBI.csv or ACC.csv found\n", dir);
        rc = 2;
        goto out;
    }
    snprintf(res->streams, sizeof res->streams, "%s%s%s%s", hr.present ? "HR " : "",
             eda.present ? "EDA " : "", ibi.present ? "IBI " : "", acc.present ? "ACC" : "");

    /* recording span: epochs are aligned to UTC minutes */
    double first = INFINITY, last = -INFINITY;
    const e4_file_t *regular[] = {&hr, &eda, &acc};
    for (size_t k = 0; k < 3; k++) {
        if (regular[k]->present && regular[k]->n > 0) {
            first = fmin(first, regular[k]->start_s);
            last = fmax(last, stream_end_s(regular[k]));
        }
    }
    if (ibi.present && ibi.n > 0) {
        first = fmin(first, ibi.start_s);
        last = fmax(last, ibi.start_s + ibi.v[(ibi.n - 1) * 2]);
    }
    if (!(last > first)) {
        fprintf(stderr, "%s: the recording holds no samples\n", dir);
        rc = 2;
        goto out;
    }
    uint32_t t0 = (uint32_t)floor(first / ZM_EPOCH_S) * ZM_EPOCH_S;
    uint32_t n_epochs = (uint32_t)ceil((last - (double)t0) / ZM_EPOCH_S);
    int64_t base_ms = (int64_t)t0 * 1000;
    res->t0 = t0;

    static zm_device_t dev;
    static zm_flash_t fl;
    static zm_flash_ram_t ram;
    zm_flash_ram_init(&fl, &ram, flash_mem, ZM_STORE_PAGE_SIZE, ZM_STORE_PAGE_COUNT, true);
    if (zm_device_init(&dev, &fl, device_id) != ZM_STORE_OK) {
        fprintf(stderr, "internal error: store mount failed\n");
        rc = 1;
        goto out;
    }
    zm_fwd_connect(&dev.fwd, 0);

    size_t i_hr = 0, i_eda = 0, i_ibi = 0, i_acc = 0;
    for (uint32_t k = 0; k < n_epochs; k++) {
        int64_t end_ms = (int64_t)(k + 1u) * ZM_EPOCH_S * 1000;
        for (; hr.present && i_hr < hr.n && sample_ms(&hr, i_hr, base_ms) < end_ms; i_hr++) {
            zm_feat_add_hr(&dev.feat, (float)hr.v[i_hr]);
        }
        for (; ibi.present && i_ibi < ibi.n; i_ibi++) {
            int64_t beat_ms = llround((ibi.start_s + ibi.v[i_ibi * 2]) * 1000.0) - base_ms;
            if (beat_ms >= end_ms) {
                break;
            }
            long ibi_ms = lround(ibi.v[i_ibi * 2 + 1] * 1000.0);
            uint16_t ibi_u16 = ibi_ms < 0 ? 0 : (ibi_ms > UINT16_MAX ? UINT16_MAX : (uint16_t)ibi_ms);
            zm_feat_add_ibi(&dev.feat, (uint32_t)beat_ms, ibi_u16);
        }
        for (; eda.present && i_eda < eda.n && sample_ms(&eda, i_eda, base_ms) < end_ms; i_eda++) {
            zm_feat_add_eda(&dev.feat, (float)eda.v[i_eda]);
        }
        for (; acc.present && i_acc < acc.n && sample_ms(&acc, i_acc, base_ms) < end_ms; i_acc++) {
            const double *a = &acc.v[i_acc * 3];
            zm_feat_add_acc(&dev.feat, (int16_t)a[0], (int16_t)a[1], (int16_t)a[2]);
        }
        if (zm_device_close_epoch(&dev, t0 + k * ZM_EPOCH_S, NULL) != ZM_STORE_OK ||
            sync_frames(&dev, res, false) != 0) {
            fprintf(stderr, "internal error: storing or sending epoch %u failed\n", (unsigned)k);
            rc = 1;
            goto out;
        }
    }
    if (sync_frames(&dev, res, true) != 0) {
        fprintf(stderr, "internal error: out of memory\n");
        rc = 1;
        goto out;
    }
    res->n_epochs = n_epochs;
out:
    e4_free(&hr);
    e4_free(&eda);
    e4_free(&ibi);
    e4_free(&acc);
    if (rc) {
        zm_replay_free(res);
    }
    return rc;
}

void zm_replay_free(zm_replay_result_t *res)
{
    free(res->frames);
    res->frames = NULL;
    res->n_frames = 0;
}

/* ---------- JSON ---------- */

void zm_iso8601(uint32_t unix_s, char *buf)
{
    /* civil_from_days (H. Hinnant, public domain algorithm) */
    int64_t z = (int64_t)(unix_s / 86400u) + 719468;
    uint32_t sod = unix_s % 86400u;
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    char tmp[64]; /* roomy: the compiler cannot prove the year has four digits */
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02u:%02u:%02uZ", (int)y, (int)m, (int)d,
             (unsigned)(sod / 3600u), (unsigned)((sod / 60u) % 60u), (unsigned)(sod % 60u));
    memcpy(buf, tmp, 20);
    buf[20] = '\0';
}

void zm_epoch_json(FILE *out, const zm_epoch_t *e)
{
    char t[21];
    zm_iso8601(e->t, t);
    fprintf(out, "{\"seq\": %u, \"t\": \"%s\", ", (unsigned)e->seq, t);
    if (e->hr_dbpm == ZM_NA_U16) {
        fprintf(out, "\"hr\": null, ");
    } else {
        fprintf(out, "\"hr\": %.1f, ", e->hr_dbpm / 10.0);
    }
    if (e->rmssd_dms == ZM_NA_U16) {
        fprintf(out, "\"rmssd\": null, ");
    } else {
        fprintf(out, "\"rmssd\": %.1f, ", e->rmssd_dms / 10.0);
    }
    if (e->eda_ns == ZM_NA_U16) {
        fprintf(out, "\"eda\": null, ");
    } else {
        fprintf(out, "\"eda\": %.3f, ", e->eda_ns / 1000.0);
    }
    if (e->activity_mg == ZM_NA_U16) {
        fprintf(out, "\"activity\": null, ");
    } else {
        fprintf(out, "\"activity\": %u, ", (unsigned)e->activity_mg);
    }
    if (e->scr == ZM_NA_U8) {
        fprintf(out, "\"scr\": null, ");
    } else {
        fprintf(out, "\"scr\": %u, ", (unsigned)e->scr);
    }
    fprintf(out, "\"wear\": %s, \"quality\": %.2f, ", (e->wear_quality & ZM_WEAR_BIT) ? "true" : "false",
            (e->wear_quality & ZM_QUALITY_MASK) / 100.0);
    if (e->stress == ZM_NA_U8) {
        fprintf(out, "\"stress\": null, \"anomaly\": null}");
    } else {
        fprintf(out, "\"stress\": %.3f, \"anomaly\": %.3f}", e->stress / 200.0, e->anomaly / 200.0);
    }
}

void zm_replay_write_json(FILE *out, const zm_replay_result_t *res, uint32_t device_id,
                          const char *source_note)
{
    fprintf(out, "{\n");
    fprintf(out, "  \"description\": \"Golden BLE frames from the ZenMoon wearable firmware (tools/zm_replay), "
                 "each paired with its decoded epochs. Units: t = epoch start (ISO-8601 UTC, one-minute "
                 "epochs); hr bpm (0.1 resolution); rmssd ms (0.1); eda tonic skin conductance in "
                 "microsiemens (0.001); activity = mean ENMO in milli-g; scr = skin-conductance responses "
                 "in the epoch; wear = device on the skin; quality 0..1 (0.01); stress and anomaly 0..1 "
                 "(0.005) from the TinyLSTM (hand-constructed weights, not a validated measure). null = "
                 "not available. Frame layout: firmware/docs/FRAME.md.\",\n");
    fprintf(out, "  \"source\": \"%s\",\n", source_note);
    fprintf(out, "  \"streams\": \"%s\",\n", res->streams);
    fprintf(out, "  \"frameVersion\": %u,\n", (unsigned)ZM_FRAME_VERSION);
    fprintf(out, "  \"byteOrder\": \"little-endian\",\n");
    fprintf(out, "  \"crc\": \"CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0; "
                 "check(123456789) = 0x29B1), over all bytes before it, stored little-endian\",\n");
    fprintf(out, "  \"deviceId\": \"%08X\",\n", (unsigned)device_id);
    fprintf(out, "  \"epochSeconds\": %u,\n", (unsigned)ZM_EPOCH_S);
    fprintf(out, "  \"epochCount\": %u,\n", (unsigned)res->n_epochs);
    fprintf(out, "  \"frames\": [\n");
    for (size_t i = 0; i < res->n_frames; i++) {
        const zm_replay_frame_t *fr = &res->frames[i];
        zm_frame_header_t h;
        zm_epoch_t ep[ZM_FRAME_MAX_EPOCHS];
        zm_frame_status_t st = zm_frame_decode(fr->bytes, fr->len, &h, ep, ZM_FRAME_MAX_EPOCHS);
        char t[21];
        zm_iso8601(st == ZM_FRAME_OK ? h.t : 0u, t);
        fprintf(out, "    {\"seq\": %u, \"t\": \"%s\", \"count\": %u, \"length\": %u,\n     \"hex\": \"",
                (unsigned)h.seq, t, (unsigned)h.count, (unsigned)fr->len);
        for (size_t b = 0; b < fr->len; b++) {
            fprintf(out, "%02x", fr->bytes[b]);
        }
        fprintf(out, "\",\n     \"epochs\": [\n");
        for (unsigned k = 0; st == ZM_FRAME_OK && k < h.count; k++) {
            fprintf(out, "       ");
            zm_epoch_json(out, &ep[k]);
            fprintf(out, "%s\n", k + 1u < h.count ? "," : "");
        }
        fprintf(out, "     ]}%s\n", i + 1 < res->n_frames ? "," : "");
    }
    fprintf(out, "  ]\n}\n");
}
