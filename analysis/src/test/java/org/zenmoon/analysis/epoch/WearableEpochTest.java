package org.zenmoon.analysis.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an epoch accepts: absent measures as null, never a number that cannot be a measurement. */
class WearableEpochTest {

    static final Instant T = Instant.parse("2026-03-02T22:00:00Z");

    @Test
    void absentMeasuresAreNull() {
        WearableEpoch e = WearableEpoch.ofCounts(T, 12);
        assertThat(e.activity()).isEqualTo(12.0);
        assertThat(e.heartRate()).isNull();
        assertThat(e.stress()).isNull();
        assertThat(e.asleep()).isNull();
        assertThat(WearableEpoch.ofStress(T, 0.4).stress()).isEqualTo(0.4);
        assertThat(WearableEpoch.ofSleepState(T, true).asleep()).isTrue();
    }

    @Test
    void negativeCountsAndNonFiniteValuesAreRejected() {
        assertThatThrownBy(() -> WearableEpoch.ofCounts(T, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activity");
        assertThatThrownBy(() -> new WearableEpoch(T, null, Double.NaN, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartRate");
        assertThatThrownBy(() -> WearableEpoch.ofStress(T, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stress");
        assertThatThrownBy(() -> new WearableEpoch(null, 1.0, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
