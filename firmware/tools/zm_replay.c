/*
 * zm_replay: replay an Empatica E4 recording (Stress-Predict raw/Sxx layout) through the
 * wearable firmware and print the BLE frames it would send.
 *
 *   zm_replay [--format json|hex|bin] [--device-id HEX] [--source TEXT] [--out FILE] DIR
 *
 * json (default): golden-vector document, frames in hex with their decoded epochs.
 * hex: one frame per line. bin: frames back to back, each preceded by its length (u8).
 * Exit codes: 0 success, 2 unusable input (one line on stderr), 1 other failures.
 */
#include <stdlib.h>
#include <string.h>

#include "replay_lib.h"

#define DEFAULT_DEVICE_ID 0x5A4D0001u /* "ZM" + unit 1: the id used by the golden vectors */

static int usage(void)
{
    fprintf(stderr, "usage: zm_replay [--format json|hex|bin] [--device-id HEX] [--source TEXT] "
                    "[--out FILE] DIR\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *format = "json", *dir = NULL, *out_path = NULL, *source = NULL;
    uint32_t device_id = DEFAULT_DEVICE_ID;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            format = argv[++i];
        } else if (strcmp(argv[i], "--device-id") == 0 && i + 1 < argc) {
            device_id = (uint32_t)strtoul(argv[++i], NULL, 16);
        } else if (strcmp(argv[i], "--source") == 0 && i + 1 < argc) {
            source = argv[++i];
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else if (argv[i][0] == '-' || dir) {
            return usage();
        } else {
            dir = argv[i];
        }
    }
    if (!dir || (strcmp(format, "json") && strcmp(format, "hex") && strcmp(format, "bin"))) {
        return usage();
    }
    zm_replay_result_t res;
    int rc = zm_replay_dir(dir, device_id, &res);
    if (rc) {
        return rc;
    }
    FILE *out = stdout;
    if (out_path && !(out = fopen(out_path, strcmp(format, "bin") ? "w" : "wb"))) {
        fprintf(stderr, "%s: cannot open for writing\n", out_path);
        zm_replay_free(&res);
        return 1;
    }
    if (strcmp(format, "json") == 0) {
        zm_replay_write_json(out, &res, device_id, source ? source : dir);
    } else {
        for (size_t i = 0; i < res.n_frames; i++) {
            if (strcmp(format, "hex") == 0) {
                for (size_t b = 0; b < res.frames[i].len; b++) {
                    fprintf(out, "%02x", res.frames[i].bytes[b]);
                }
                fputc('\n', out);
            } else {
                fputc((int)res.frames[i].len, out);
                fwrite(res.frames[i].bytes, 1, res.frames[i].len, out);
            }
        }
    }
    int werr = ferror(out);
    if (out != stdout) {
        werr |= fclose(out);
    }
    zm_replay_free(&res);
    return werr ? 1 : 0;
}
