/*
 * RAM-backed simulated NOR flash with fault injection for power-loss tests.
 */
#ifndef ZM_FLASH_RAM_H
#define ZM_FLASH_RAM_H

#include <stdbool.h>
#include <stdint.h>

#include "zm/flash.h"

#define ZM_FLASH_RAM_UNLIMITED (-1)

typedef struct {
    uint8_t *mem;          /* page_size * page_count bytes, owned by the caller (static) */
    int32_t byte_budget;   /* bytes that may still be programmed/erased before the simulated
                            * power cut; ZM_FLASH_RAM_UNLIMITED for no cut */
    bool powered_off;      /* set once the budget ran out: every operation then fails */
    uint32_t erase_count;  /* statistics, for wear tests */
    uint32_t program_count;
} zm_flash_ram_t;

/* Bind fl to ram. If format is true the memory is set to the erased state (0xFF). */
void zm_flash_ram_init(zm_flash_t *fl, zm_flash_ram_t *ram, uint8_t *mem, uint32_t page_size,
                       uint32_t page_count, bool format);
/* Simulate a power cut after `bytes` more bytes have been programmed or erased. */
void zm_flash_ram_cut_after(zm_flash_ram_t *ram, int32_t bytes);
/* Power back on (the memory keeps whatever state the cut left behind). */
void zm_flash_ram_power_on(zm_flash_ram_t *ram);

#endif
