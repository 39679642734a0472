package org.zenmoon.analysis.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ActiLife's 10 sec to 60 sec conversion, checked against its own export of the ActiSleep+ recording. */
class EpochAggregationTest {

    @Test
    void tenSecondEpochsSumToActiLifesMinuteCounts() {
        List<CountEpoch> tenSeconds =
                ActiLifeFiles.axis1(ActiLifeFiles.rows("ActiSleepPlus-RawData-Day01-first2h.csv"));
        List<CountEpoch> actiLife =
                ActiLifeFiles.axis1(ActiLifeFiles.rows("ActiSleepPlus-RawData-Day01-10sec60sec-first2h.csv"));
        assertThat(tenSeconds).hasSize(720);
        assertThat(EpochAggregation.toMinutes(tenSeconds)).containsExactlyElementsOf(actiLife);
    }

    @Test
    void aPartialLastMinuteIsKept() {
        Instant t = Instant.parse("2012-04-05T13:28:00Z");
        List<CountEpoch> in = List.of(
                new CountEpoch(t, 3), new CountEpoch(t.plusSeconds(10), 4), new CountEpoch(t.plusSeconds(60), 5));
        assertThat(EpochAggregation.toMinutes(in))
                .containsExactly(new CountEpoch(t, 7), new CountEpoch(t.plusSeconds(60), 5));
    }

    @Test
    void epochsOutOfOrderAreRejected() {
        Instant t = Instant.parse("2012-04-05T13:28:00Z");
        assertThatThrownBy(() ->
                        EpochAggregation.toMinutes(List.of(new CountEpoch(t.plusSeconds(10), 1), new CountEpoch(t, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
