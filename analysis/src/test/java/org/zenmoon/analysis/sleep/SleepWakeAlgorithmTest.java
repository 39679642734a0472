package org.zenmoon.analysis.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.epoch.WearableEpoch;

/** Sadeh and Cole-Kripke reproduce ActiLife's own scoring of the GT3X+ recording, minute by minute. */
class SleepWakeAlgorithmTest {

    static final List<Map<String, String>> GOLDEN = ActiLifeFiles.rows("GT3XPlus-RawData-Day01-sleep-awake.csv");

    static List<String> letters(SleepWakeAlgorithm a) {
        return a.score(ActiLifeFiles.axis1(GOLDEN)).stream()
                .map(SleepWakeScore::letter)
                .toList();
    }

    @Test
    void sadehAgreesWithActiLifeOnEveryMinute() {
        assertThat(letters(SleepWakeAlgorithm.SADEH))
                .hasSize(1500)
                .isEqualTo(GOLDEN.stream().map(r -> r.get("sadeh")).toList());
    }

    @Test
    void coleKripkeAgreesWithActiLifeOnEveryMinute() {
        assertThat(letters(SleepWakeAlgorithm.COLE_KRIPKE))
                .isEqualTo(GOLDEN.stream().map(r -> r.get("cole-kripke")).toList());
    }

    @Test
    void stillMinutesAreSleepAndBusyMinutesAreWake() {
        double[] counts = new double[40];
        for (int i = 20; i < 40; i++) {
            counts[i] = 800;
        }
        for (SleepWakeAlgorithm a : SleepWakeAlgorithm.values()) {
            boolean[] s = a.asleep(counts);
            assertThat(s[5]).as(a + " still").isTrue();
            assertThat(s[30]).as(a + " busy").isFalse();
        }
    }

    @Test
    void sadehCapsCountsAt300SoAHugeSpikeCountsLikeA300() {
        double[] a = new double[30];
        double[] b = new double[30];
        a[15] = 300;
        b[15] = 30_000;
        assertThat(SleepWakeAlgorithm.SADEH.asleep(a)).isEqualTo(SleepWakeAlgorithm.SADEH.asleep(b));
    }

    @Test
    void aGapInTheMinutesRestartsTheWindowSoActivityBeforeItDoesNotLeakAcross() {
        List<WearableEpoch> minutes = new ArrayList<>();
        Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
        for (int i = 0; i < 10; i++) {
            minutes.add(WearableEpoch.ofCounts(t0.plusSeconds(60L * i), 5000));
        }
        // The device was off for an hour, then the child lay still.
        for (int i = 70; i < 90; i++) {
            minutes.add(WearableEpoch.ofCounts(t0.plusSeconds(60L * i), 0));
        }
        List<SleepWakeScore> s = SleepWakeAlgorithm.COLE_KRIPKE.score(minutes);
        assertThat(s.get(10).asleep()).as("first still minute after the gap").isTrue();
        assertThat(s.get(9).asleep()).isFalse();
    }

    @Test
    void labelsAreTheCommandLineNames() {
        assertThat(SleepWakeAlgorithm.fromLabel("cole-kripke")).isEqualTo(SleepWakeAlgorithm.COLE_KRIPKE);
        assertThat(SleepWakeAlgorithm.fromLabel("sadeh")).isEqualTo(SleepWakeAlgorithm.SADEH);
        assertThatThrownBy(() -> SleepWakeAlgorithm.fromLabel("oakley")).hasMessageContaining("sadeh, cole-kripke");
    }
}
