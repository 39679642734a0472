/*
 * The wearable's application core: features -> model -> quantised epoch -> store -> frames.
 * Used unchanged by the Cortex-M4F main loop and by the host replay tool.
 */
#ifndef ZM_DEVICE_H
#define ZM_DEVICE_H

#include <stdint.h>

#include "zm/epoch.h"
#include "zm/features.h"
#include "zm/forwarder.h"
#include "zm/model.h"
#include "zm/store.h"

typedef struct {
    zm_feat_t feat;
    zm_model_t model;
    zm_store_t store;
    zm_fwd_t fwd;
} zm_device_t;

/* Mount the store (recovering from power loss or corruption) and reset the pipeline. */
zm_store_status_t zm_device_init(zm_device_t *d, const zm_flash_t *fl, uint32_t device_id);
/* Close the epoch that started at t (unix seconds): compute features, step the model,
 * store the quantised epoch. The stored epoch is returned in *out if out is not NULL. */
zm_store_status_t zm_device_close_epoch(zm_device_t *d, uint32_t t, zm_epoch_t *out);

#endif
