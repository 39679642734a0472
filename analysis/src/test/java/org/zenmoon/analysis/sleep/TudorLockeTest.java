package org.zenmoon.analysis.sleep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tudor-Locke sleep periods on the Sadeh scores, against ActiLife's three exports for the GT3X+ recording. */
class TudorLockeTest {

    static final List<SleepWakeScore> SADEH = SleepWakeAlgorithm.SADEH.score(
            ActiLifeFiles.axis1(ActiLifeFiles.rows("GT3XPlus-RawData-Day01-sleep-awake.csv")));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Tudor-Locke Default,5,10,160,1440,0",
        "Tudor-Locke Custom1,5,5,20,1440,5",
        "Tudor-Locke Custom2,10,12,60,1440,20"
    })
    void periodsMatchActiLifeIncludingQualityFigures(String name, int bed, int wake, int min, int max, int nonzero) {
        List<SleepPeriod> ours = new TudorLocke(bed, wake, min, max, nonzero).detect(SADEH);
        List<Map<String, String>> theirs = ActiLifeFiles.rows("GT3XPlus-RawData-Day01-sleep-periods.csv").stream()
                .filter(r -> r.get("period_algorithm").equals(name))
                .toList();
        assertThat(ours).hasSameSizeAs(theirs).isNotEmpty();
        for (int i = 0; i < ours.size(); i++) {
            SleepPeriod p = ours.get(i);
            Map<String, String> r = theirs.get(i);
            assertThat(p.inBed()).isEqualTo(Instant.parse(r.get("in_bed_time")));
            assertThat(p.outBed()).isEqualTo(Instant.parse(r.get("out_bed_time")));
            assertThat(p.onset()).isEqualTo(Instant.parse(r.get("onset")));
            assertThat(p.duration()).isEqualTo(Integer.parseInt(r.get("duration")));
            assertThat(p.totalSleepTime()).isEqualTo(Integer.parseInt(r.get("total_sleep_time")));
            assertThat(p.wakeAfterOnset()).isEqualTo(Integer.parseInt(r.get("wake_after_onset")));
            assertThat(p.efficiency()).isEqualTo(Double.parseDouble(r.get("efficiency")));
            assertThat(p.awakenings()).isEqualTo(Integer.parseInt(r.get("nb_awakenings")));
            assertThat(p.averageAwakening()).isEqualTo(Double.parseDouble(r.get("ave_awakening")));
            assertThat(p.totalCounts()).isEqualTo(Double.parseDouble(r.get("total_counts")));
            assertThat(p.movementIndex()).isEqualTo(Double.parseDouble(r.get("movement_index")));
            assertThat(p.fragmentationIndex()).isEqualTo(Double.parseDouble(r.get("fragmentation_index")));
            assertThat(p.sleepFragmentationIndex()).isEqualTo(Double.parseDouble(r.get("sleep_fragmentation_index")));
        }
    }

    static List<SleepWakeScore> pattern(Instant t0, String states) {
        List<SleepWakeScore> out = new ArrayList<>();
        for (int i = 0; i < states.length(); i++) {
            if (states.charAt(i) != '-') {
                out.add(new SleepWakeScore(
                        t0.plusSeconds(60L * i), states.charAt(i) == 'S' ? 0 : 500, states.charAt(i) == 'S'));
            }
        }
        return out;
    }

    @Test
    void aPeriodTheRecordingCutsOffIsDropped() {
        Instant t0 = Instant.parse("2026-03-02T22:00:00Z");
        assertThat(new TudorLocke(5, 5, 20, 1440, 0).detect(pattern(t0, "WWW" + "S".repeat(30))))
                .isEmpty();
    }

    @Test
    void noPeriodSpansAGapInTheData() {
        Instant t0 = Instant.parse("2026-03-02T22:00:00Z");
        String night = "W".repeat(3) + "S".repeat(30) + "-".repeat(10) + "S".repeat(30) + "W".repeat(10);
        List<SleepPeriod> p = new TudorLocke(5, 5, 20, 1440, 0).detect(pattern(t0, night));
        assertThat(p).singleElement().satisfies(x -> assertThat(x.inBed()).isEqualTo(t0.plusSeconds(60L * 43)));
    }
}
