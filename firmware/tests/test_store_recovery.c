/*
 * Recovery after power loss and corrupted storage. In every scenario the store must mount,
 * must never return or send a record that differs from what was written (no garbage), must
 * keep sequence numbers increasing, and must keep working afterwards.
 */
#include <stdlib.h>

#include "check.h"
#include "store_util.h"

static uint8_t mem[ZM_STORE_BYTES];
static uint8_t snapshot[ZM_STORE_BYTES];
static zm_flash_t fl;
static zm_flash_ram_t ram;

static uint32_t rng = 0xC0FFEEu;
static uint32_t xorshift(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Mount, check contents, append 200 more records (crossing a page) and check again. */
static void check_recovered(uint32_t min_expected_last, const char *what, long cut)
{
    zm_store_t s;
    uint32_t first, last;
    int before = check_failures;
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    long n = verify_store(&s, &first, &last);
    CHECK(n >= 0);
    CHECK(last >= min_expected_last);
    CHECK(s.next_seq > last);
    CHECK_EQ_INT(verify_frames(&s, 0), n);
    for (int i = 0; i < 200; i++) {
        CHECK_EQ_INT(append_expected(&s), ZM_STORE_OK);
    }
    uint32_t last2;
    CHECK(verify_store(&s, &first, &last2) > 0);
    CHECK_EQ_INT(last2, s.next_seq - 1u);
    CHECK(last2 > last);
    zm_store_t again; /* and once more from flash */
    CHECK_EQ_INT(zm_store_mount(&again, &fl), ZM_STORE_OK);
    CHECK_EQ_INT(again.next_seq, s.next_seq);
    if (check_failures != before) {
        fprintf(stderr, "  ... in scenario '%s' (cut after %ld bytes)\n", what, cut);
    }
}

/* Power cut at every byte of one append, in a given pre-filled state. */
static void power_cut_sweep(uint32_t prefill, const char *what)
{
    zm_store_t s;
    zm_flash_ram_init(&fl, &ram, mem, ZM_STORE_PAGE_SIZE, ZM_STORE_PAGE_COUNT, true);
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    for (uint32_t i = 0; i < prefill; i++) {
        append_expected(&s);
    }
    memcpy(snapshot, mem, sizeof mem);
    /* Bytes one append can touch: retire magic (4), page erase, page header, record. Every
     * byte offset is tried near the start and the end of that sequence (retire, header and
     * record writes); inside the 4 KiB erase, every 61st byte. */
    long max_cut = 4 + ZM_STORE_PAGE_SIZE + ZM_STORE_PAGE_HDR_LEN + ZM_STORE_RECORD_LEN;
    long recovered_with_new = 0;
    for (long cut = 0; cut <= max_cut; cut++) {
        if (cut > 64 && cut < max_cut - 64 && cut % 61 != 0) {
            continue;
        }
        memcpy(mem, snapshot, sizeof mem);
        zm_flash_ram_power_on(&ram);
        zm_store_t st;
        CHECK_EQ_INT(zm_store_mount(&st, &fl), ZM_STORE_OK);
        zm_flash_ram_cut_after(&ram, (int32_t)cut);
        append_expected(&st); /* may fail part-way: that is the point */
        zm_flash_ram_power_on(&ram);
        /* everything before the interrupted append is at least the prefill's newest epoch,
         * unless the append was reclaiming the oldest page (then only that page is lost) */
        zm_store_t probe;
        zm_store_mount(&probe, &fl);
        uint32_t first, last;
        verify_store(&probe, &first, &last);
        recovered_with_new += last == prefill + 1u;
        check_recovered(prefill, what, cut);
    }
    /* with a large enough budget the append completes and is kept */
    CHECK(recovered_with_new > 0);
}

static void test_corruption(void)
{
    zm_store_t s;
    uint32_t first, last;
    zm_flash_ram_init(&fl, &ram, mem, ZM_STORE_PAGE_SIZE, ZM_STORE_PAGE_COUNT, true);
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    for (int i = 0; i < 2000; i++) {
        append_expected(&s);
    }
    uint32_t count = zm_store_count(&s);
    memcpy(snapshot, mem, sizeof mem);

    /* single bit flips in 50 random records: exactly those are dropped, nothing else */
    for (int k = 0; k < 50; k++) {
        uint32_t page = xorshift() % ZM_STORE_PAGE_COUNT;
        uint32_t slot = xorshift() % ZM_STORE_RECORDS_PER_PAGE;
        uint32_t byte = xorshift() % ZM_STORE_RECORD_LEN;
        uint32_t addr = page * ZM_STORE_PAGE_SIZE + ZM_STORE_PAGE_HDR_LEN + slot * ZM_STORE_RECORD_LEN + byte;
        mem[addr] ^= (uint8_t)(1u << (xorshift() % 8u));
    }
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    long n = verify_store(&s, &first, &last);
    CHECK(n > 0);
    CHECK(n >= (long)count - 50);
    CHECK(n < (long)count);
    CHECK(s.skipped_records > 0);
    check_recovered(0, "bit flips", -1);

    /* a corrupted page header: that page's records are lost, never misread */
    memcpy(mem, snapshot, sizeof mem);
    mem[3 * ZM_STORE_PAGE_SIZE + 5] ^= 0x10u; /* generation byte of page 3 */
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    n = verify_store(&s, &first, &last);
    CHECK_EQ_INT(n, (long)count - ZM_STORE_RECORDS_PER_PAGE);
    check_recovered(0, "page header", -1);

    /* a whole flash of random garbage (e.g. a never-formatted part) */
    for (size_t i = 0; i < sizeof mem; i++) {
        mem[i] = (uint8_t)xorshift();
    }
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    CHECK_EQ_INT(zm_store_count(&s), 0);
    check_recovered(0, "random garbage", -1);

    /* a record that is valid but out of order inside its page (seq going backwards) */
    zm_flash_ram_init(&fl, &ram, mem, ZM_STORE_PAGE_SIZE, ZM_STORE_PAGE_COUNT, true);
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    for (int i = 0; i < 10; i++) {
        append_expected(&s);
    }
    s.next_seq = 3; /* forge a duplicate seq 3 after seq 10 */
    append_expected(&s);
    CHECK_EQ_INT(zm_store_mount(&s, &fl), ZM_STORE_OK);
    CHECK_EQ_INT(zm_store_count(&s), 10);
    CHECK_EQ_INT(s.next_seq, 11);
    CHECK_EQ_INT(verify_store(&s, &first, &last), 10);
}

int main(void)
{
    /* a record write in the middle of a page */
    power_cut_sweep(50, "mid-page record");
    /* the append that opens a fresh (never used) page */
    power_cut_sweep(ZM_STORE_RECORDS_PER_PAGE, "opening a free page");
    /* the append that must retire and erase the oldest page (ring full) */
    power_cut_sweep(ZM_STORE_RECORDS_PER_PAGE * ZM_STORE_PAGE_COUNT, "reclaiming the oldest page");
    test_corruption();
    return check_report("test_store_recovery");
}
