#include "zm/forwarder.h"

#include "zm/frame.h"

void zm_fwd_init(zm_fwd_t *f, zm_store_t *store, uint32_t device_id)
{
    f->store = store;
    f->device_id = device_id;
    f->acked = 0;
    f->next_after = 0;
    f->connected = false;
}

void zm_fwd_connect(zm_fwd_t *f, uint32_t phone_acked_seq)
{
    f->acked = phone_acked_seq;
    f->next_after = phone_acked_seq;
    f->connected = true;
}

void zm_fwd_disconnect(zm_fwd_t *f)
{
    f->connected = false;
    f->next_after = f->acked; /* frames in flight were not confirmed: send them again */
}

void zm_fwd_ack(zm_fwd_t *f, uint32_t seq)
{
    /* Ignore stale acks (seq <= acked) and acks for epochs never sent: a phone cannot have
     * received what is still in the future. */
    if (seq <= f->acked || seq > f->next_after) {
        return;
    }
    f->acked = seq;
}

size_t zm_fwd_next_frame(zm_fwd_t *f, uint8_t *buf, size_t cap)
{
    if (!f->connected) {
        return 0;
    }
    zm_epoch_t epochs[ZM_FRAME_MAX_EPOCHS];
    size_t n = 0;
    if (!zm_store_next(f->store, f->next_after, &epochs[0])) {
        return 0;
    }
    n = 1;
    /* Extend with epochs that are consecutive in seq and time; a gap (lost records, a clock
     * change after reboot) starts a new frame, because a frame's epochs are implicit. */
    while (n < ZM_FRAME_MAX_EPOCHS) {
        zm_epoch_t *prev = &epochs[n - 1u];
        if (!zm_store_next(f->store, prev->seq, &epochs[n]) || epochs[n].seq != prev->seq + 1u ||
            epochs[n].t != prev->t + ZM_EPOCH_S) {
            break;
        }
        n++;
    }
    size_t len = zm_frame_encode(buf, cap, f->device_id, epochs, n);
    if (len > 0) {
        f->next_after = epochs[n - 1u].seq;
    }
    return len;
}
