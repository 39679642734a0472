/*
 * Flash-like storage interface (NOR semantics): erase sets a whole page to 0xFF, program can
 * only clear bits (1 -> 0). The store is written against this interface only; a RAM-backed
 * simulation (flash_ram.h) backs host tests and the demo target.
 */
#ifndef ZM_FLASH_H
#define ZM_FLASH_H

#include <stdint.h>

typedef struct zm_flash zm_flash_t;
struct zm_flash {
    uint32_t page_size;
    uint32_t page_count;
    /* All return 0 on success, negative on failure. addr is a byte offset from the start. */
    int (*read)(const zm_flash_t *fl, uint32_t addr, void *dst, uint32_t len);
    int (*program)(const zm_flash_t *fl, uint32_t addr, const void *src, uint32_t len);
    int (*erase_page)(const zm_flash_t *fl, uint32_t page);
    void *ctx;
};

#endif
