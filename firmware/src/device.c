#include "zm/device.h"

zm_store_status_t zm_device_init(zm_device_t *d, const zm_flash_t *fl, uint32_t device_id)
{
    zm_feat_init(&d->feat);
    zm_model_init(&d->model);
    zm_store_status_t st = zm_store_mount(&d->store, fl);
    zm_fwd_init(&d->fwd, &d->store, device_id);
    return st;
}

zm_store_status_t zm_device_close_epoch(zm_device_t *d, uint32_t t, zm_epoch_t *out)
{
    zm_features_t f;
    zm_model_out_t m;
    zm_epoch_t e;
    zm_feat_finish(&d->feat, &f);
    zm_model_step(&d->model, &f, &m);
    zm_epoch_quantise(&f, &m, &e);
    e.t = t - t % ZM_EPOCH_S; /* epochs start on the minute (API: t is the minute's start) */
    zm_store_status_t st = zm_store_append(&d->store, &e, NULL);
    if (out) {
        *out = e;
    }
    return st;
}
