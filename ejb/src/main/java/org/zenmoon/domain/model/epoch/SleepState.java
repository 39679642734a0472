package org.zenmoon.domain.model.epoch;

/** Sleep state of a one-minute epoch, as the wearable or the sleep detector reports it. */
public enum SleepState {
    WAKE,
    SLEEP,
    UNKNOWN
}
