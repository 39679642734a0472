#include "zm/flash_ram.h"

#include <string.h>

#define ERASED_BYTE 0xFFu

/* Spend one byte of the power budget; false once the simulated supply is gone. */
static bool spend(zm_flash_ram_t *ram)
{
    if (ram->powered_off) {
        return false;
    }
    if (ram->byte_budget == ZM_FLASH_RAM_UNLIMITED) {
        return true;
    }
    if (ram->byte_budget == 0) {
        ram->powered_off = true;
        return false;
    }
    ram->byte_budget--;
    return true;
}

static bool in_range(const zm_flash_t *fl, uint32_t addr, uint32_t len)
{
    uint32_t size = fl->page_size * fl->page_count;
    return addr <= size && len <= size - addr;
}

static int ram_read(const zm_flash_t *fl, uint32_t addr, void *dst, uint32_t len)
{
    zm_flash_ram_t *ram = fl->ctx;
    if (ram->powered_off || !in_range(fl, addr, len)) {
        return -1;
    }
    memcpy(dst, &ram->mem[addr], len);
    return 0;
}

static int ram_program(const zm_flash_t *fl, uint32_t addr, const void *src, uint32_t len)
{
    zm_flash_ram_t *ram = fl->ctx;
    const uint8_t *s = src;
    if (!in_range(fl, addr, len)) {
        return -1;
    }
    ram->program_count++;
    for (uint32_t i = 0; i < len; i++) {
        if (!spend(ram)) {
            return -1; /* torn write: the bytes before i are programmed, the rest are not */
        }
        ram->mem[addr + i] &= s[i]; /* NOR: programming can only clear bits */
    }
    return 0;
}

static int ram_erase(const zm_flash_t *fl, uint32_t page)
{
    zm_flash_ram_t *ram = fl->ctx;
    if (page >= fl->page_count) {
        return -1;
    }
    ram->erase_count++;
    uint32_t base = page * fl->page_size;
    for (uint32_t i = 0; i < fl->page_size; i++) {
        if (!spend(ram)) {
            return -1; /* interrupted erase: part of the page keeps its old content */
        }
        ram->mem[base + i] = ERASED_BYTE;
    }
    return 0;
}

void zm_flash_ram_init(zm_flash_t *fl, zm_flash_ram_t *ram, uint8_t *mem, uint32_t page_size,
                       uint32_t page_count, bool format)
{
    ram->mem = mem;
    ram->byte_budget = ZM_FLASH_RAM_UNLIMITED;
    ram->powered_off = false;
    ram->erase_count = 0;
    ram->program_count = 0;
    fl->page_size = page_size;
    fl->page_count = page_count;
    fl->read = ram_read;
    fl->program = ram_program;
    fl->erase_page = ram_erase;
    fl->ctx = ram;
    if (format) {
        memset(mem, ERASED_BYTE, (size_t)page_size * page_count);
    }
}

void zm_flash_ram_cut_after(zm_flash_ram_t *ram, int32_t bytes)
{
    ram->byte_budget = bytes;
}

void zm_flash_ram_power_on(zm_flash_ram_t *ram)
{
    ram->powered_off = false;
    ram->byte_budget = ZM_FLASH_RAM_UNLIMITED;
}
