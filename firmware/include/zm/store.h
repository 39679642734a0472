/*
 * Store-and-forward epoch ring buffer on flash pages. See docs/STORAGE.md.
 *
 * Page:   16-byte header (magic, generation, CRC-16) then fixed 24-byte records.
 * Record: magic u16 | crc16 u16 | seq u32 | t u32 | 12 epoch bytes  (CRC over seq..end)
 * The newest page is the valid page with the highest generation. A full page is followed by
 * retiring (zeroing the magic of), erasing and re-headering the oldest page.
 * On boot every page and record is checked; anything that fails is skipped, never sent.
 */
#ifndef ZM_STORE_H
#define ZM_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "zm/config.h"
#include "zm/epoch.h"
#include "zm/flash.h"

#define ZM_STORE_PAGE_HDR_LEN 16u
#define ZM_STORE_RECORD_LEN 24u
#define ZM_STORE_RECORDS_PER_PAGE ((ZM_STORE_PAGE_SIZE - ZM_STORE_PAGE_HDR_LEN) / ZM_STORE_RECORD_LEN)
#define ZM_STORE_BYTES (ZM_STORE_PAGE_SIZE * ZM_STORE_PAGE_COUNT)

typedef struct {
    uint32_t generation; /* 0 = page not in use (invalid/free) */
    uint32_t first_seq;  /* seq of the first valid record, 0 if none */
    uint32_t last_seq;   /* seq of the last valid record, 0 if none */
    uint16_t used;       /* slots that are not erased (valid or garbage) */
    uint16_t valid;      /* slots holding a valid record */
} zm_store_page_t;

typedef struct {
    const zm_flash_t *fl;
    zm_store_page_t pages[ZM_STORE_PAGE_COUNT];
    uint8_t order[ZM_STORE_PAGE_COUNT]; /* in-use pages, oldest first */
    uint8_t n_in_use;
    uint32_t next_seq;        /* seq the next append gets */
    uint32_t max_generation;
    uint32_t skipped_records; /* invalid records seen by the boot scan (diagnostics) */
    /* read cursor: where zm_store_next found its last record, so that sequential reads
     * (sending frames) continue from there instead of rescanning the page */
    uint32_t hint_seq;
    uint32_t hint_generation;
    uint8_t hint_page;
    uint16_t hint_slot;
} zm_store_t;

typedef enum {
    ZM_STORE_OK = 0,
    ZM_STORE_EFLASH = -1,    /* the flash driver failed (e.g. power lost) */
    ZM_STORE_EGEOMETRY = -2  /* the flash does not match the configured geometry */
} zm_store_status_t;

/* Mount: scan all pages, rebuild the in-RAM index, find the write position. Never fails on
 * corrupted content (corruption is skipped); fails only on driver errors or wrong geometry. */
zm_store_status_t zm_store_mount(zm_store_t *s, const zm_flash_t *fl);

/* Append one epoch. Assigns e->seq (and returns it in *seq_out if not NULL). */
zm_store_status_t zm_store_append(zm_store_t *s, zm_epoch_t *e, uint32_t *seq_out);

/* The valid record that follows after_seq: the first valid record with seq > after_seq in
 * storage order (pages oldest first, slots in write order), which is seq order because
 * appends are monotonic. Returns false if there is none. Updates the read cursor. */
bool zm_store_next(zm_store_t *s, uint32_t after_seq, zm_epoch_t *out);

/* Oldest retained seq (0 if empty) and number of valid retained records. */
uint32_t zm_store_oldest_seq(const zm_store_t *s);
uint32_t zm_store_count(const zm_store_t *s);

#endif
