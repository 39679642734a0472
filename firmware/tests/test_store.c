/* Store-and-forward: 24 h retention, ring wrap-around, remount, and resend from the last
 * acknowledged sequence number after a disconnect or a reboot. */
#include "check.h"
#include "store_util.h"

static uint8_t mem[ZM_STORE_BYTES];
static zm_flash_t fl;
static zm_flash_ram_t ram;
static zm_store_t store;

static void test_empty(void)
{
    zm_flash_ram_init(&fl, &ram, mem, ZM_STORE_PAGE_SIZE, ZM_STORE_PAGE_COUNT, true);
    CHECK_EQ_INT(zm_store_mount(&store, &fl), ZM_STORE_OK);
    CHECK_EQ_INT(zm_store_count(&store), 0);
    CHECK_EQ_INT(zm_store_oldest_seq(&store), 0);
    CHECK_EQ_INT(store.next_seq, 1);
    zm_epoch_t e;
    CHECK(!zm_store_next(&store, 0, &e));
    /* wrong geometry is refused */
    zm_flash_t small = fl;
    small.page_count = 4;
    zm_store_t s2;
    CHECK_EQ_INT(zm_store_mount(&s2, &small), ZM_STORE_EGEOMETRY);
}

static void test_wraparound(void)
{
    const uint32_t total = 3 * ZM_STORE_RECORDS_PER_PAGE * ZM_STORE_PAGE_COUNT + 77; /* 3 laps */
    for (uint32_t i = 0; i < total; i++) {
        CHECK_EQ_INT(append_expected(&store), ZM_STORE_OK);
        uint32_t n = zm_store_count(&store);
        /* retention never drops below 24 h once 24 h have been written */
        if (i + 1 >= ZM_STORE_MIN_EPOCHS) {
            CHECK(n >= ZM_STORE_MIN_EPOCHS);
        }
    }
    uint32_t first, last;
    long n = verify_store(&store, &first, &last);
    CHECK(n >= (long)ZM_STORE_MIN_EPOCHS);
    CHECK_EQ_INT(last, total);
    CHECK_EQ_INT(n, last - first + 1); /* contiguous */
    CHECK_EQ_INT(first, zm_store_oldest_seq(&store));
    CHECK(store.max_generation > ZM_STORE_PAGE_COUNT); /* pages were reused */
    /* every page erased about equally often (wear levelling by construction) */
    CHECK(ram.erase_count >= 3 * ZM_STORE_PAGE_COUNT);

    /* reboot: the index is rebuilt from flash alone */
    zm_store_t again;
    CHECK_EQ_INT(zm_store_mount(&again, &fl), ZM_STORE_OK);
    CHECK_EQ_INT(again.next_seq, total + 1);
    CHECK_EQ_INT(zm_store_count(&again), zm_store_count(&store));
    CHECK_EQ_INT(again.skipped_records, 0);
    CHECK_EQ_INT(append_expected(&again), ZM_STORE_OK);
    CHECK_EQ_INT(verify_store(&again, &first, &last), zm_store_count(&again));
    CHECK_EQ_INT(last, total + 1);
    store = again;
}

static void test_resend(void)
{
    uint8_t buf[ZM_FRAME_MAX_LEN];
    zm_frame_header_t h;
    zm_epoch_t ep[ZM_FRAME_MAX_EPOCHS];
    zm_fwd_t fwd;
    zm_fwd_init(&fwd, &store, 0x5A4D0001u);
    uint32_t newest = store.next_seq - 1u;
    uint32_t oldest = zm_store_oldest_seq(&store);

    /* not connected: nothing is sent */
    CHECK_EQ_INT(zm_fwd_next_frame(&fwd, buf, sizeof buf), 0);

    /* the phone has seq 100, which the ring no longer holds: sending starts at the oldest */
    zm_fwd_connect(&fwd, 100);
    size_t len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.seq, oldest);
    CHECK_EQ_INT(h.count, ZM_FRAME_MAX_EPOCHS);
    CHECK_EQ_INT(len, ZM_FRAME_MAX_LEN);
    zm_fwd_ack(&fwd, h.seq + h.count - 1u);
    uint32_t acked = h.seq + h.count - 1u;
    CHECK_EQ_INT(fwd.acked, acked);

    /* two more frames go out, but only the first is acknowledged before the link drops */
    len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.seq, acked + 1u);
    acked = h.seq + h.count - 1u;
    len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.seq, acked + 1u);
    zm_fwd_ack(&fwd, acked);
    /* stale and future acks are ignored */
    zm_fwd_ack(&fwd, acked - 5u);
    zm_fwd_ack(&fwd, newest + 50u);
    CHECK_EQ_INT(fwd.acked, acked);
    zm_fwd_disconnect(&fwd);
    CHECK_EQ_INT(zm_fwd_next_frame(&fwd, buf, sizeof buf), 0);

    /* reconnect: resend from the last acknowledged seq + 1 (the unacked frame again) */
    zm_fwd_connect(&fwd, acked);
    len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.seq, acked + 1u);

    /* a device reboot loses the RAM copy of the ack; the phone's report restores it */
    zm_store_t rebooted;
    CHECK_EQ_INT(zm_store_mount(&rebooted, &fl), ZM_STORE_OK);
    zm_fwd_init(&fwd, &rebooted, 0x5A4D0001u);
    zm_fwd_connect(&fwd, newest - 30u);
    len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.seq, newest - 29u);
    CHECK_EQ_INT(h.count, 19);
    zm_fwd_ack(&fwd, h.seq + 18u);
    len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.seq, newest - 10u);
    CHECK_EQ_INT(h.count, 11); /* the rest, up to the newest epoch */
    CHECK_EQ_INT(ep[10].seq, newest);
    zm_fwd_ack(&fwd, newest);
    CHECK_EQ_INT(zm_fwd_next_frame(&fwd, buf, sizeof buf), 0); /* all delivered */

    /* a full resync from zero delivers every retained epoch intact */
    CHECK_EQ_INT(verify_frames(&rebooted, 0), zm_store_count(&rebooted));
}

static void test_time_gap_splits_frames(void)
{
    zm_flash_ram_init(&fl, &ram, mem, ZM_STORE_PAGE_SIZE, ZM_STORE_PAGE_COUNT, true);
    CHECK_EQ_INT(zm_store_mount(&store, &fl), ZM_STORE_OK);
    for (uint32_t i = 0; i < 5; i++) {
        zm_epoch_t e = expected_epoch(i + 1u);
        if (i >= 3) {
            e.t += 3600u; /* clock set forward by an hour after epoch 3 */
        }
        CHECK_EQ_INT(zm_store_append(&store, &e, NULL), ZM_STORE_OK);
    }
    zm_fwd_t fwd;
    zm_fwd_init(&fwd, &store, 1);
    zm_fwd_connect(&fwd, 0);
    uint8_t buf[ZM_FRAME_MAX_LEN];
    zm_frame_header_t h;
    zm_epoch_t ep[ZM_FRAME_MAX_EPOCHS];
    size_t len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.count, 3);
    len = zm_fwd_next_frame(&fwd, buf, sizeof buf);
    CHECK_EQ_INT(zm_frame_decode(buf, len, &h, ep, ZM_FRAME_MAX_EPOCHS), ZM_FRAME_OK);
    CHECK_EQ_INT(h.seq, 4);
    CHECK_EQ_INT(h.count, 2);
    CHECK_EQ_INT(h.t, expected_epoch(4).t + 3600u);
}

int main(void)
{
    test_empty();
    test_wraparound();
    test_resend();
    test_time_gap_splits_frames();
    return check_report("test_store");
}
