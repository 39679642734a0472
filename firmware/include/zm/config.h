/*
 * ZenMoon wearable firmware: compile-time configuration.
 *
 * Every constant here is a design decision; the comment next to it says why.
 * Units are part of the name where practical (_HZ, _S, _MS, _US for microsiemens).
 */
#ifndef ZM_CONFIG_H
#define ZM_CONFIG_H

/* One epoch is one minute: the unit of the ingestion API (API.md, "An epoch is one minute"). */
#define ZM_EPOCH_S 60u

/* Empatica-E4-class sensor rates (the reference data in Stress-Predict uses these). */
#define ZM_HR_HZ 1u   /* heart rate derived by the PPG front-end, one value per second */
#define ZM_EDA_HZ 4u  /* electrodermal activity in microsiemens */
#define ZM_ACC_HZ 32u /* 3-axis accelerometer, +-2 g range, 1/64 g per LSB */

#define ZM_HR_SAMPLES_PER_EPOCH (ZM_EPOCH_S * ZM_HR_HZ)   /* 60 */
#define ZM_EDA_SAMPLES_PER_EPOCH (ZM_EPOCH_S * ZM_EDA_HZ) /* 240 */
#define ZM_ACC_SAMPLES_PER_EPOCH (ZM_EPOCH_S * ZM_ACC_HZ) /* 1920 */

/* Accelerometer scale: the E4 reports 1/64 g per LSB in its +-2 g range. */
#define ZM_ACC_LSB_PER_G 64.0f

/* A feature is reported only if its input covers at least half of the epoch (30 s);
 * below that the value is dominated by whatever fraction happened to be recorded. */
#define ZM_MIN_HR_SAMPLES (ZM_HR_SAMPLES_PER_EPOCH / 2u)
#define ZM_MIN_EDA_VALID_SAMPLES (ZM_EDA_SAMPLES_PER_EPOCH / 2u)
#define ZM_MIN_ACC_SAMPLES (ZM_ACC_SAMPLES_PER_EPOCH / 2u)

/* RMSSD needs successive differences; 10 is the smallest count for which ultra-short RMSSD
 * (10 s windows, Munoz et al. 2015, PLoS ONE 10:e0138921) still tracks the 5-min value. */
#define ZM_MIN_RMSSD_PAIRS 10u
/* Fallback mean HR from IBIs (when no 1 Hz HR stream exists) needs at least this many beats. */
#define ZM_MIN_IBI_FOR_HR 10u

/* Physiologically plausible inter-beat intervals: 300 ms (200 bpm) .. 2000 ms (30 bpm). */
#define ZM_IBI_MIN_MS 300u
#define ZM_IBI_MAX_MS 2000u
/* Two beats are "successive" if the second beat's timestamp minus the first equals its IBI
 * within this tolerance. The E4 timestamps beats at 1/64 s (15.6 ms); 20 ms covers one tick. */
#define ZM_IBI_SUCCESSIVE_TOL_MS 20u
/* Ectopic/artefact rule: drop a successive difference larger than 20 % of the previous IBI
 * (the classic Malik 1989 criterion used in HRV editing). */
#define ZM_IBI_MAX_REL_CHANGE 0.20f

/* EDA validity rules from Kleckner et al. 2018 (IEEE TBME 65:1460): a sample is invalid if
 * below 0.05 uS (sensor off the skin) or above 60 uS, or if it changes by more than 10 uS/s. */
#define ZM_EDA_MIN_VALID_US 0.05f
#define ZM_EDA_MAX_VALID_US 60.0f
#define ZM_EDA_MAX_SLOPE_US_PER_S 10.0f

/* Skin-conductance response (SCR) detection. 0.05 uS is the common minimum amplitude in
 * wearable EDA work (Boucsein 2012 lists 0.01-0.05 uS; the E4's noise floor argues for the
 * upper end). Rise must happen within 4 s, the upper end of typical SCR rise times (1-3 s),
 * which rejects slow tonic drift. The response ends at its peak, recognised once the signal
 * falls 0.01 uS below the running maximum (hysteresis against quantisation noise). */
#define ZM_SCR_MIN_AMPLITUDE_US 0.05f
#define ZM_SCR_RISE_WINDOW_S 4u
#define ZM_SCR_RISE_WINDOW_SAMPLES (ZM_SCR_RISE_WINDOW_S * ZM_EDA_HZ) /* 16 */
#define ZM_SCR_PEAK_HYSTERESIS_US 0.01f

/* Wear detection: worn if at least half of the epoch's EDA samples are valid (skin contact). */
#define ZM_WEAR_MIN_EDA_VALID ZM_MIN_EDA_VALID_SAMPLES

/* Store-and-forward: flash geometry and retention.
 * 4 KiB pages are the erase unit of common NOR parts (nRF52 NVMC, most SPI NOR sectors).
 * 10 pages of 170 records keep at least 9 * 170 = 1530 epochs (> 1440 = 24 h) even right
 * after the oldest page has been erased to make room. */
#define ZM_STORE_PAGE_SIZE 4096u
#define ZM_STORE_PAGE_COUNT 10u
#define ZM_STORE_MIN_EPOCHS 1440u /* 24 h of one-minute epochs: the retention requirement */

/* BLE: 247-byte ATT MTU minus the 3-byte ATT notification header = 244-byte payload. */
#define ZM_BLE_ATT_PAYLOAD 244u

#endif /* ZM_CONFIG_H */
