package org.zenmoon.analysis.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.epoch.WearableEpoch;

/** ActiLife's 10 sec to 60 sec conversion, checked against its own export of the ActiSleep+ recording. */
class MinuteCountsTest {

    @Test
    void tenSecondEpochsSumToActiLifesMinuteCounts() {
        List<WearableEpoch> tenSeconds =
                ActiLifeFiles.axis1(ActiLifeFiles.rows("ActiSleepPlus-RawData-Day01-first2h.csv"));
        List<WearableEpoch> actiLife =
                ActiLifeFiles.axis1(ActiLifeFiles.rows("ActiSleepPlus-RawData-Day01-10sec60sec-first2h.csv"));
        assertThat(tenSeconds).hasSize(720);
        assertThat(MinuteCounts.sum(tenSeconds)).containsExactlyElementsOf(actiLife);
    }

    @Test
    void aPartialLastMinuteIsKept() {
        Instant t = Instant.parse("2012-04-05T13:28:00Z");
        List<WearableEpoch> in = List.of(
                WearableEpoch.ofCounts(t, 3),
                WearableEpoch.ofCounts(t.plusSeconds(10), 4),
                WearableEpoch.ofCounts(t.plusSeconds(60), 5));
        assertThat(MinuteCounts.sum(in))
                .containsExactly(WearableEpoch.ofCounts(t, 7), WearableEpoch.ofCounts(t.plusSeconds(60), 5));
    }

    @Test
    void epochsOutOfOrderAreRejected() {
        Instant t = Instant.parse("2012-04-05T13:28:00Z");
        assertThatThrownBy(() -> MinuteCounts.sum(
                        List.of(WearableEpoch.ofCounts(t.plusSeconds(10), 1), WearableEpoch.ofCounts(t, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEpochWithoutCountsIsRejectedRatherThanCountedAsStill() {
        Instant t = Instant.parse("2012-04-05T13:28:00Z");
        assertThatThrownBy(() -> MinuteCounts.sum(List.of(
                        WearableEpoch.ofCounts(t, 1), new WearableEpoch(t.plusSeconds(10), null, 70.0, null, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no activity counts");
    }
}
