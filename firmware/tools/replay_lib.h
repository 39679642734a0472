/*
 * Host-only replay of Empatica E4 CSV recordings through the firmware pipeline.
 * (Host tools may use the heap and stdio; the firmware sources may not.)
 */
#ifndef ZM_REPLAY_LIB_H
#define ZM_REPLAY_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zm/frame.h"

typedef struct {
    uint8_t bytes[ZM_FRAME_MAX_LEN];
    size_t len;
} zm_replay_frame_t;

typedef struct {
    zm_replay_frame_t *frames;
    size_t n_frames;
    uint32_t n_epochs;
    uint32_t t0; /* first epoch start, unix s */
    char streams[64]; /* which CSVs were found, e.g. "HR EDA IBI ACC" */
} zm_replay_result_t;

/* Replay the recording in dir (HR.csv, EDA.csv, IBI.csv, ACC.csv; each optional but at least
 * one needed). Returns 0 on success, otherwise prints one line to stderr and returns 2. */
int zm_replay_dir(const char *dir, uint32_t device_id, zm_replay_result_t *res);
void zm_replay_free(zm_replay_result_t *res);

/* Write the golden-vector JSON: frames as hex plus their decoded epochs. */
void zm_replay_write_json(FILE *out, const zm_replay_result_t *res, uint32_t device_id,
                          const char *source_note);

/* "2022-02-07T09:27:00Z" (buf >= 21 bytes) */
void zm_iso8601(uint32_t unix_s, char *buf);
/* Print one decoded epoch as a JSON object (no trailing newline). */
void zm_epoch_json(FILE *out, const zm_epoch_t *e);

#endif
