#include "zm/store.h"

#include <string.h>

#include "zm/crc16.h"

#define PAGE_MAGIC 0x47504D5Au  /* "ZMPG" little-endian */
#define PAGE_FORMAT 1u          /* layout version of page header and records */
#define RECORD_MAGIC 0x5AA5u    /* neither erased (0xFFFF) nor all-zero */
#define ERASED_BYTE 0xFFu

/* page header offsets */
#define PH_MAGIC 0u
#define PH_GEN 4u
#define PH_RECLEN 8u
#define PH_FORMAT 10u
#define PH_CRC 12u
#define PH_CRC_SPAN 12u /* CRC covers bytes 0..11 */

/* record offsets */
#define RC_MAGIC 0u
#define RC_CRC 2u
#define RC_SEQ 4u
#define RC_TIME 8u
#define RC_EPOCH 12u
#define RC_CRC_FROM RC_SEQ

_Static_assert(ZM_STORE_RECORD_LEN == RC_EPOCH + ZM_EPOCH_WIRE_LEN, "record layout");
_Static_assert(ZM_STORE_RECORDS_PER_PAGE * (ZM_STORE_PAGE_COUNT - 1u) >= ZM_STORE_MIN_EPOCHS,
               "the ring must keep 24 h even right after reclaiming its oldest page");

typedef enum { SLOT_ERASED, SLOT_VALID, SLOT_GARBAGE } slot_state_t;

static uint32_t page_addr(uint8_t page)
{
    return (uint32_t)page * ZM_STORE_PAGE_SIZE;
}

static uint32_t slot_addr(uint8_t page, uint16_t slot)
{
    return page_addr(page) + ZM_STORE_PAGE_HDR_LEN + (uint32_t)slot * ZM_STORE_RECORD_LEN;
}

static bool all_erased(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i] != ERASED_BYTE) {
            return false;
        }
    }
    return true;
}

/* Read one slot; on SLOT_VALID the epoch (with seq and t) is in *e. */
static slot_state_t read_slot(const zm_flash_t *fl, uint8_t page, uint16_t slot, zm_epoch_t *e,
                              int *err)
{
    uint8_t rec[ZM_STORE_RECORD_LEN];
    if (fl->read(fl, slot_addr(page, slot), rec, sizeof rec) != 0) {
        *err = 1;
        return SLOT_GARBAGE;
    }
    if (all_erased(rec, sizeof rec)) {
        return SLOT_ERASED;
    }
    if (zm_get_u16(&rec[RC_MAGIC]) != RECORD_MAGIC ||
        zm_get_u16(&rec[RC_CRC]) != zm_crc16(&rec[RC_CRC_FROM], sizeof rec - RC_CRC_FROM)) {
        return SLOT_GARBAGE; /* torn write or corruption */
    }
    e->seq = zm_get_u32(&rec[RC_SEQ]);
    e->t = zm_get_u32(&rec[RC_TIME]);
    zm_epoch_unpack(&rec[RC_EPOCH], e);
    return SLOT_VALID;
}

static bool read_header(const zm_flash_t *fl, uint8_t page, uint32_t *gen, int *err)
{
    uint8_t h[ZM_STORE_PAGE_HDR_LEN];
    if (fl->read(fl, page_addr(page), h, sizeof h) != 0) {
        *err = 1;
        return false;
    }
    if (zm_get_u32(&h[PH_MAGIC]) != PAGE_MAGIC || zm_get_u16(&h[PH_RECLEN]) != ZM_STORE_RECORD_LEN ||
        zm_get_u16(&h[PH_FORMAT]) != PAGE_FORMAT ||
        zm_get_u16(&h[PH_CRC]) != zm_crc16(h, PH_CRC_SPAN)) {
        return false;
    }
    *gen = zm_get_u32(&h[PH_GEN]);
    return *gen != 0u && *gen != UINT32_MAX;
}

/* Scan one in-use page: count used slots, valid records and the seq range. Records whose
 * seq does not increase within the page are treated as corrupt. */
static void scan_page(zm_store_t *s, uint8_t page, int *err)
{
    zm_store_page_t *pg = &s->pages[page];
    pg->used = 0;
    pg->valid = 0;
    pg->first_seq = 0;
    pg->last_seq = 0;
    for (uint16_t slot = 0; slot < ZM_STORE_RECORDS_PER_PAGE; slot++) {
        zm_epoch_t e;
        slot_state_t st = read_slot(s->fl, page, slot, &e, err);
        if (st == SLOT_ERASED) {
            continue; /* "used" ends after the last non-erased slot */
        }
        pg->used = (uint16_t)(slot + 1u);
        if (st == SLOT_VALID && e.seq > pg->last_seq) {
            if (pg->first_seq == 0) {
                pg->first_seq = e.seq;
            }
            pg->last_seq = e.seq;
            pg->valid++;
        } else {
            s->skipped_records++;
        }
    }
}

zm_store_status_t zm_store_mount(zm_store_t *s, const zm_flash_t *fl)
{
    memset(s, 0, sizeof(*s));
    s->fl = fl;
    if (fl->page_size != ZM_STORE_PAGE_SIZE || fl->page_count != ZM_STORE_PAGE_COUNT) {
        return ZM_STORE_EGEOMETRY;
    }
    int err = 0;
    uint32_t max_seq = 0;
    for (uint8_t p = 0; p < ZM_STORE_PAGE_COUNT; p++) {
        uint32_t gen = 0;
        if (!read_header(fl, p, &gen, &err)) {
            continue; /* erased, retired, torn or corrupt header: a free page */
        }
        s->pages[p].generation = gen;
        scan_page(s, p, &err);
        if (s->pages[p].last_seq > max_seq) {
            max_seq = s->pages[p].last_seq;
        }
        if (gen > s->max_generation) {
            s->max_generation = gen;
        }
        /* insert into the generation-ordered list (at most 10 pages: insertion sort) */
        uint8_t i = s->n_in_use++;
        while (i > 0 && s->pages[s->order[i - 1u]].generation > gen) {
            s->order[i] = s->order[i - 1u];
            i--;
        }
        s->order[i] = p;
    }
    if (err) {
        return ZM_STORE_EFLASH;
    }
    s->next_seq = max_seq + 1u;
    return ZM_STORE_OK;
}

/* Take a page for writing: a free one if any, otherwise the oldest. */
static zm_store_status_t open_new_page(zm_store_t *s, uint8_t *out_page)
{
    const zm_flash_t *fl = s->fl;
    uint8_t victim = 0;
    bool found_free = false;
    for (uint8_t p = 0; p < ZM_STORE_PAGE_COUNT; p++) {
        if (s->pages[p].generation == 0u) {
            victim = p;
            found_free = true;
            break;
        }
    }
    if (!found_free) {
        victim = s->order[0];
        memmove(&s->order[0], &s->order[1], (size_t)(s->n_in_use - 1u));
        s->n_in_use--;
        /* Retire before erasing: zero the magic (NOR allows 1->0 without erase) so that an
         * erase interrupted by a power cut can never leave a page that looks valid. */
        static const uint8_t zero_magic[4] = {0, 0, 0, 0};
        if (fl->program(fl, page_addr(victim), zero_magic, sizeof zero_magic) != 0) {
            return ZM_STORE_EFLASH;
        }
    }
    memset(&s->pages[victim], 0, sizeof s->pages[victim]);
    if (fl->erase_page(fl, victim) != 0) {
        return ZM_STORE_EFLASH;
    }
    uint8_t h[ZM_STORE_PAGE_HDR_LEN];
    memset(h, ERASED_BYTE, sizeof h);
    uint32_t gen = s->max_generation + 1u;
    zm_put_u32(&h[PH_MAGIC], PAGE_MAGIC);
    zm_put_u32(&h[PH_GEN], gen);
    zm_put_u16(&h[PH_RECLEN], ZM_STORE_RECORD_LEN);
    zm_put_u16(&h[PH_FORMAT], PAGE_FORMAT);
    zm_put_u16(&h[PH_CRC], zm_crc16(h, PH_CRC_SPAN));
    if (fl->program(fl, page_addr(victim), h, sizeof h) != 0) {
        return ZM_STORE_EFLASH;
    }
    s->max_generation = gen;
    s->pages[victim].generation = gen;
    s->order[s->n_in_use++] = victim;
    *out_page = victim;
    return ZM_STORE_OK;
}

zm_store_status_t zm_store_append(zm_store_t *s, zm_epoch_t *e, uint32_t *seq_out)
{
    uint8_t page;
    if (s->n_in_use == 0 || s->pages[s->order[s->n_in_use - 1u]].used >= ZM_STORE_RECORDS_PER_PAGE) {
        zm_store_status_t st = open_new_page(s, &page);
        if (st != ZM_STORE_OK) {
            return st;
        }
    } else {
        page = s->order[s->n_in_use - 1u];
    }
    zm_store_page_t *pg = &s->pages[page];
    e->seq = s->next_seq;

    uint8_t rec[ZM_STORE_RECORD_LEN];
    zm_put_u16(&rec[RC_MAGIC], RECORD_MAGIC);
    zm_put_u32(&rec[RC_SEQ], e->seq);
    zm_put_u32(&rec[RC_TIME], e->t);
    zm_epoch_pack(e, &rec[RC_EPOCH]);
    zm_put_u16(&rec[RC_CRC], zm_crc16(&rec[RC_CRC_FROM], sizeof rec - RC_CRC_FROM));

    uint16_t slot = pg->used++; /* even a failed write dirties the slot */
    if (s->fl->program(s->fl, slot_addr(page, slot), rec, sizeof rec) != 0) {
        return ZM_STORE_EFLASH;
    }
    if (pg->first_seq == 0) {
        pg->first_seq = e->seq;
    }
    pg->last_seq = e->seq;
    pg->valid++;
    s->next_seq++;
    if (seq_out) {
        *seq_out = e->seq;
    }
    return ZM_STORE_OK;
}

/* Scan page order[i] from slot `from` for the first valid record with seq > after_seq. */
static bool scan_from(zm_store_t *s, uint8_t i, uint16_t from, uint32_t after_seq, zm_epoch_t *out)
{
    uint8_t page = s->order[i];
    const zm_store_page_t *pg = &s->pages[page];
    for (uint16_t slot = from; slot < pg->used; slot++) {
        int err = 0;
        if (read_slot(s->fl, page, slot, out, &err) == SLOT_VALID && out->seq > after_seq &&
            out->seq <= pg->last_seq) {
            s->hint_seq = out->seq;
            s->hint_generation = pg->generation;
            s->hint_page = page;
            s->hint_slot = slot;
            return true;
        }
    }
    return false;
}

bool zm_store_next(zm_store_t *s, uint32_t after_seq, zm_epoch_t *out)
{
    uint8_t start = 0;
    uint16_t from = 0;
    /* sequential read: continue right after the previous record if its page still exists */
    if (after_seq != 0 && after_seq == s->hint_seq) {
        for (uint8_t i = 0; i < s->n_in_use; i++) {
            if (s->order[i] == s->hint_page && s->pages[s->hint_page].generation == s->hint_generation) {
                start = i;
                from = (uint16_t)(s->hint_slot + 1u);
                break;
            }
        }
    }
    for (uint8_t i = start; i < s->n_in_use; i++, from = 0) {
        const zm_store_page_t *pg = &s->pages[s->order[i]];
        if (pg->valid == 0 || pg->last_seq <= after_seq) {
            continue;
        }
        if (scan_from(s, i, from, after_seq, out)) {
            return true;
        }
    }
    return false;
}

uint32_t zm_store_oldest_seq(const zm_store_t *s)
{
    for (uint8_t i = 0; i < s->n_in_use; i++) {
        if (s->pages[s->order[i]].valid) {
            return s->pages[s->order[i]].first_seq;
        }
    }
    return 0;
}

uint32_t zm_store_count(const zm_store_t *s)
{
    uint32_t n = 0;
    for (uint8_t i = 0; i < s->n_in_use; i++) {
        n += s->pages[s->order[i]].valid;
    }
    return n;
}
