/*
 * ZenMoon wearable main loop for a Cortex-M4F (demo image).
 *
 * It links the whole application core exactly as a product would: sensor pipeline, TinyLSTM,
 * quantised epochs in the store-and-forward ring, and BLE frame encoding. Two parts are
 * board-specific and outside this repository, so here they are minimal and say so:
 *  - sensors: samples come from a deterministic synthetic source at the real rates
 *    (32 Hz accelerometer, 4 Hz EDA, 1 Hz HR, one beat every ~0.8 s) instead of drivers;
 *  - radio: a frame is handed to ble_notify(), which copies it into a buffer that a BLE
 *    stack's notification call would take; the phone's ACK arrives through ble_on_ack().
 * The epoch store is the RAM-backed flash, placed in its own .epoch_store section; on a
 * product the same zm_flash_t interface points at the on-chip flash controller.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "zm/device.h"
#include "zm/flash_ram.h"
#include "zm/frame.h"

#define CORE_CLOCK_HZ 64000000u /* typical nRF52/STM32L4 core clock */
#define TICK_HZ ZM_ACC_HZ       /* SysTick runs at the fastest sensor rate */
#define DEVICE_ID 0x5A4D0001u

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_CSR_ENABLE_TICKINT_CORECLK 0x7u

static uint8_t epoch_store[ZM_STORE_BYTES] __attribute__((section(".epoch_store"), aligned(4)));
static zm_flash_ram_t flash_ram;
static zm_flash_t flash;
static zm_device_t device;

static volatile uint32_t ticks;
static volatile bool ble_connected;
static volatile uint32_t ble_phone_ack; /* written by the BLE stack's write callback */
static volatile bool ble_ack_pending;
volatile uint8_t ble_tx_buffer[ZM_FRAME_MAX_LEN]; /* visible to the (external) BLE stack */
volatile uint8_t ble_tx_len;

void SysTick_Handler(void);
void SysTick_Handler(void)
{
    ticks++;
}

/* Called by the BLE stack (GATT write on the ACK characteristic). */
void ble_on_ack(uint32_t seq);
void ble_on_ack(uint32_t seq)
{
    ble_phone_ack = seq;
    ble_ack_pending = true;
}

static void ble_notify(const uint8_t *frame, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        ble_tx_buffer[i] = frame[i];
    }
    ble_tx_len = (uint8_t)len;
}

/* Deterministic synthetic physiology: a slow 10-minute "arousal" cycle. */
static uint32_t synth_state = 0x12345678u;
static int16_t synth_noise(void)
{
    synth_state = synth_state * 1664525u + 1013904223u; /* Numerical Recipes LCG */
    return (int16_t)((synth_state >> 24) & 0x7u) - 4;
}

static float arousal(uint32_t t_s)
{
    uint32_t phase = t_s % 600u;
    return phase < 300u ? (float)phase / 300.0f : (float)(600u - phase) / 300.0f;
}

int main(void)
{
    zm_flash_ram_init(&flash, &flash_ram, epoch_store, ZM_STORE_PAGE_SIZE, ZM_STORE_PAGE_COUNT, false);
    (void)zm_device_init(&device, &flash, DEVICE_ID); /* recovers whatever RAM held */

    SYST_RVR = CORE_CLOCK_HZ / TICK_HZ - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE_TICKINT_CORECLK;

    uint32_t clock_s = 1767225600u; /* set by the phone over BLE on a product (RTC sync) */
    uint32_t handled = 0;
    uint32_t beat_ms = 0, next_beat_ms = 800u;
    bool was_connected = false;

    for (;;) {
        while (handled == ticks) {
            __asm volatile("wfi");
        }
        handled++;
        uint32_t tick = handled % (TICK_HZ * ZM_EPOCH_S); /* tick within the minute */
        uint32_t now_ms = handled * (1000u / TICK_HZ);
        float a = arousal(clock_s + tick / TICK_HZ);

        zm_feat_add_acc(&device.feat, synth_noise(), synth_noise(), (int16_t)(64 + synth_noise()));
        if (tick % (TICK_HZ / ZM_EDA_HZ) == 0u) {
            zm_feat_add_eda(&device.feat, 2.0f + 0.5f * a + 0.002f * (float)synth_noise());
        }
        if (tick % TICK_HZ == 0u) {
            zm_feat_add_hr(&device.feat, 70.0f + 25.0f * a);
        }
        if (now_ms >= next_beat_ms) {
            uint16_t ibi = (uint16_t)(860.0f - 200.0f * a) + (uint16_t)(synth_noise() + 4);
            beat_ms = next_beat_ms;
            next_beat_ms = beat_ms + ibi;
            zm_feat_add_ibi(&device.feat, beat_ms, ibi);
        }
        if (tick == 0u) {
            (void)zm_device_close_epoch(&device, clock_s, NULL);
            clock_s += ZM_EPOCH_S;
        }

        /* link handling: on connect resend from the phone's last ACK, then stream frames */
        if (ble_connected && !was_connected) {
            zm_fwd_connect(&device.fwd, ble_phone_ack);
        } else if (!ble_connected && was_connected) {
            zm_fwd_disconnect(&device.fwd);
        }
        was_connected = ble_connected;
        if (ble_ack_pending) {
            ble_ack_pending = false;
            zm_fwd_ack(&device.fwd, ble_phone_ack);
        }
        if (ble_tx_len == 0u) { /* the stack clears it once the notification went out */
            uint8_t frame[ZM_FRAME_MAX_LEN];
            size_t len = zm_fwd_next_frame(&device.fwd, frame, sizeof frame);
            if (len > 0) {
                ble_notify(frame, len);
            }
        }
    }
}
