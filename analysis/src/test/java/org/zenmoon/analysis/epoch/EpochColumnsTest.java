package org.zenmoon.analysis.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochColumnsTest {

    static final Instant T0 = Instant.parse("2026-10-05T00:00:00Z");

    static float f(Double d) {
        return d == null ? Float.NaN : d.floatValue();
    }

    @Test
    void givesBackEveryMinuteAsItWentInAbsentMeasuresIncluded() {
        List<WearableEpoch> minutes = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // past the builder's first arrays: they grow
            minutes.add(new WearableEpoch(
                    T0.plusSeconds(60L * i),
                    i % 7 == 0 ? null : (double) (i % 300),
                    i % 11 == 0 ? null : 60.5 + i % 40,
                    i % 13 == 0 ? null : (i % 100) / 100.0f + 0.0, // values a real column holds exactly
                    i % 3 == 0 ? null : i % 2 == 0));
        }
        EpochColumns.Builder b = EpochColumns.builder(16);
        for (WearableEpoch e : minutes) {
            b.add(e.start(), f(e.activity()), f(e.heartRate()), f(e.stress()), e.asleep());
        }
        EpochColumns columns = b.build();

        assertThat(columns).hasSize(5_000);
        assertThat(columns).isEqualTo(minutes);
        assertThat(columns.get(0).activity()).isNull();
        assertThat(columns.get(3).asleep()).isNull();
        assertThat(columns.get(4).asleep()).isTrue();
        assertThat(columns.get(5).asleep()).isFalse();
        assertThatThrownBy(() -> columns.get(5_000)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> columns.add(minutes.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesWhatAnEpochRefuses() {
        EpochColumns.Builder b = EpochColumns.builder(4);
        assertThatThrownBy(() -> b.add(T0, Float.POSITIVE_INFINITY, Float.NaN, Float.NaN, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activity");
        assertThatThrownBy(() -> b.add(T0, -1f, Float.NaN, Float.NaN, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(b.build()).isEmpty();
    }

    @Test
    void keepsTimesToTheMicrosecondAsTheDatabaseDoesBeforeTheEpochToo() {
        Instant odd = T0.plusNanos(123_456_000);
        Instant before1970 = Instant.parse("1969-12-31T23:59:59.250Z");
        EpochColumns columns = EpochColumns.builder(2)
                .add(odd, 1f, Float.NaN, Float.NaN, null)
                .add(before1970, 2f, Float.NaN, Float.NaN, null)
                .build();
        assertThat(columns.get(0).start()).isEqualTo(odd);
        assertThat(columns.get(1).start()).isEqualTo(before1970);
    }
}
