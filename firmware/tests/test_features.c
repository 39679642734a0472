/* Epoch features against hand-computed values (the arithmetic is in the comments). */
#include <string.h>

#include "check.h"
#include "zm/features.h"

static zm_feat_t f;

static void feed_eda_const(float v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        zm_feat_add_eda(&f, v);
    }
}

static void test_hr(void)
{
    zm_features_t out;
    zm_feat_init(&f);
    /* 30 x 70 + 30 x 80 -> mean 75.0; the zeros (no PPG lock) are ignored */
    for (int i = 0; i < 60; i++) {
        zm_feat_add_hr(&f, i % 2 ? 80.0f : 70.0f);
    }
    zm_feat_add_hr(&f, 0.0f);
    zm_feat_add_hr(&f, 300.0f);
    zm_feat_finish(&f, &out);
    CHECK(out.valid & ZM_F_HR);
    CHECK_NEAR(out.hr_bpm, 75.0, 1e-4);
    /* no EDA stream: wear falls back to the HR lock; quality = HR coverage 60/60 */
    CHECK(out.worn);
    CHECK_NEAR(out.quality, 1.0, 1e-6);

    /* 29 samples (< 30 s) are not enough */
    for (int i = 0; i < 29; i++) {
        zm_feat_add_hr(&f, 90.0f);
    }
    zm_feat_finish(&f, &out);
    CHECK(!(out.valid & ZM_F_HR));
}

static void feed_beats(const uint16_t *ibi, unsigned n, uint32_t *t_ms)
{
    for (unsigned i = 0; i < n; i++) {
        *t_ms += ibi[i];
        zm_feat_add_ibi(&f, *t_ms, ibi[i]);
    }
}

static void test_rmssd(void)
{
    zm_features_t out;
    zm_feat_init(&f);
    uint32_t t = 1000;
    /* 12 consecutive beats. Successive differences:
     *   +10 -20 +10 +20 -20 -20 +20 +10 -10 -10 +10
     * squares: 100 400 100 400 400 400 400 100 100 100 100 = 2600 over 11 pairs
     * RMSSD = sqrt(2600 / 11) = 15.374 ms */
    static const uint16_t ibi[] = {800, 810, 790, 800, 820, 800, 780, 800, 810, 800, 790, 800};
    feed_beats(ibi, 12, &t);
    zm_feat_finish(&f, &out);
    CHECK(out.valid & ZM_F_RMSSD);
    CHECK_NEAR(out.rmssd_ms, 15.374122, 1e-4);
    /* no 1 Hz HR: mean HR from the IBIs, 60000 * 12 / 9600 = 75 bpm */
    CHECK(out.valid & ZM_F_HR);
    CHECK_NEAR(out.hr_bpm, 75.0, 1e-4);

    /* A missed beat (timestamp gap of two intervals) and an ectopic beat (+25 %) break pairs.
     * The previous epoch's last beat (800 ms at t) pairs with the first beat here. */
    static const uint16_t a[] = {800, 820, 800, 780}; /* diffs 0, +20, -20, -20 -> 4 pairs */
    feed_beats(a, 4, &t);
    t += 800; /* one beat not detected */
    /* 800: gap of 1600 ms != 800 -> no pair; 1000: +200 > 20 % of 800 -> rejected;
     * 780: -220 > 20 % of 1000 -> rejected */
    static const uint16_t b[] = {800, 1000, 780};
    feed_beats(b, 3, &t);
    static const uint16_t c[] = {810, 800, 790, 800, 810}; /* 780->810 +30, -10, -10, +10, +10 */
    feed_beats(c, 5, &t);
    /* pairs: 0,20,-20,-20 | 30,-10,-10,10,10 -> 9 pairs (< 10): RMSSD not reported */
    zm_feat_finish(&f, &out);
    CHECK(!(out.valid & ZM_F_RMSSD));

    /* implausible intervals (< 300 ms) are dropped and break the chain */
    zm_feat_add_ibi(&f, t + 200, 200);
    zm_feat_finish(&f, &out);
    CHECK(!(out.valid & ZM_F_HR));
}

static void test_eda_tonic_and_wear(void)
{
    zm_features_t out;
    zm_feat_init(&f);
    /* 240 samples 1.0, 1.1, ... 1.9 repeating: each value 24 times; sorted positions 96..119
     * hold 1.4 and 120..143 hold 1.5, so the median is (1.4 + 1.5) / 2 = 1.45 uS */
    for (int i = 0; i < 240; i++) {
        zm_feat_add_eda(&f, 1.0f + 0.1f * (float)(i % 10));
    }
    for (int i = 0; i < 60; i++) {
        zm_feat_add_hr(&f, 70.0f);
    }
    zm_feat_finish(&f, &out);
    CHECK(out.valid & ZM_F_EDA);
    CHECK_NEAR(out.eda_tonic_us, 1.45, 1e-5);
    CHECK(out.worn);
    CHECK_NEAR(out.quality, 1.0, 1e-6); /* full HR and full valid EDA */

    /* off the skin: EDA ~0.01 uS (< 0.05) -> not worn, no EDA features, quality 0 */
    feed_eda_const(0.01f, 240);
    for (int i = 0; i < 60; i++) {
        zm_feat_add_hr(&f, 70.0f);
    }
    zm_feat_finish(&f, &out);
    CHECK(!out.worn);
    CHECK(!(out.valid & ZM_F_EDA));
    CHECK_NEAR(out.quality, 0.0, 1e-9);

    /* half HR coverage (30/60) and full EDA: quality = (0.5 + 1) / 2 = 0.75 */
    feed_eda_const(2.0f, 240);
    for (int i = 0; i < 30; i++) {
        zm_feat_add_hr(&f, 70.0f);
    }
    zm_feat_finish(&f, &out);
    CHECK(out.worn);
    CHECK_NEAR(out.quality, 0.75, 1e-6);

    /* slope artefact: a 5 uS jump in 0.25 s (20 uS/s > 10 uS/s) invalidates the sample;
     * 119 valid + 1 artefact + 120 (the jump back is invalid too) -> 238 valid samples */
    feed_eda_const(2.0f, 119);
    zm_feat_add_eda(&f, 7.0f);
    feed_eda_const(2.0f, 120);
    zm_feat_finish(&f, &out);
    CHECK_NEAR(out.eda_tonic_us, 2.0, 1e-6);
    CHECK_EQ_INT(f.eda_valid_n, 0); /* accumulators were reset for the next epoch */

    /* odd-length median */
    float v[5] = {5.0f, 1.0f, 4.0f, 2.0f, 3.0f};
    CHECK_NEAR(zm_median_inplace(v, 5), 3.0, 0);
}

static void test_scr(void)
{
    zm_features_t out;
    zm_feat_init(&f);
    float x = 2.0f;
    unsigned n = 0;
    /* 20 flat samples */
    for (int i = 0; i < 20; i++, n++) {
        zm_feat_add_eda(&f, x);
    }
    /* response 1: +0.10 uS over 8 samples (2 s), then recovery -0.0025/sample for 40 samples */
    for (int i = 0; i < 8; i++, n++) {
        x += 0.0125f;
        zm_feat_add_eda(&f, x);
    }
    for (int i = 0; i < 40; i++, n++) {
        x -= 0.0025f;
        zm_feat_add_eda(&f, x);
    }
    /* a small bump of 0.03 uS (< 0.05 threshold): not a response */
    for (int i = 0; i < 4; i++, n++) {
        x += 0.0075f;
        zm_feat_add_eda(&f, x);
    }
    for (int i = 0; i < 30; i++, n++) {
        x -= 0.001f;
        zm_feat_add_eda(&f, x);
    }
    /* response 2: +0.2 uS in 4 samples (1 s), then recovery */
    for (int i = 0; i < 4; i++, n++) {
        x += 0.05f;
        zm_feat_add_eda(&f, x);
    }
    while (n < 240) {
        x -= 0.002f;
        zm_feat_add_eda(&f, x);
        n++;
    }
    zm_feat_finish(&f, &out);
    CHECK(out.valid & ZM_F_EDA);
    CHECK_EQ_INT(out.scr_count, 2);

    /* slow tonic drift of 0.5 uS/min (0.033 uS per 4 s window): no response */
    zm_feat_init(&f);
    for (int i = 0; i < 240; i++) {
        zm_feat_add_eda(&f, 2.0f + 0.5f * (float)i / 240.0f);
    }
    zm_feat_finish(&f, &out);
    CHECK_EQ_INT(out.scr_count, 0);
    /* median of the linear ramp 2 + i/480, i = 0..239: (2 + 119/480 + 2 + 120/480) / 2 */
    CHECK_NEAR(out.eda_tonic_us, 2.0 + 119.5 / 480.0, 1e-5);
}

static void test_activity(void)
{
    zm_features_t out;
    zm_feat_init(&f);
    /* at rest, 1 g along z: ENMO 0 */
    for (int i = 0; i < 1920; i++) {
        zm_feat_add_acc(&f, 0, 0, 64);
    }
    zm_feat_finish(&f, &out);
    CHECK(out.valid & ZM_F_ACTIVITY);
    CHECK_NEAR(out.activity_mg, 0.0, 1e-6);

    /* alternating 1 g (along -y) and 1.5 g (96/64 along z): ENMO 0 and 500 mg -> mean 250 mg */
    for (int i = 0; i < 1920; i++) {
        if (i % 2) {
            zm_feat_add_acc(&f, 0, 0, 96);
        } else {
            zm_feat_add_acc(&f, 0, -64, 0);
        }
    }
    zm_feat_finish(&f, &out);
    CHECK_NEAR(out.activity_mg, 250.0, 1e-3);

    /* 3-4-5 triangle: |(48, 64, 0)| = 80 = 1.25 g -> 250 mg; the other half are 0.5 g, whose
     * negative ENMO is truncated to 0 -> mean 125 mg */
    for (int i = 0; i < 1000; i++) {
        if (i % 2) {
            zm_feat_add_acc(&f, 48, 64, 0);
        } else {
            zm_feat_add_acc(&f, 0, 0, 32);
        }
    }
    zm_feat_finish(&f, &out);
    CHECK_NEAR(out.activity_mg, 125.0, 1e-3);

    /* fewer than 960 samples (30 s): not reported */
    for (int i = 0; i < 959; i++) {
        zm_feat_add_acc(&f, 0, 0, 64);
    }
    zm_feat_finish(&f, &out);
    CHECK(!(out.valid & ZM_F_ACTIVITY));
}

int main(void)
{
    test_hr();
    test_rmssd();
    test_eda_tonic_and_wear();
    test_scr();
    test_activity();
    return check_report("test_features");
}
