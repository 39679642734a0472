package org.zenmoon.analysis.sleep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.epoch.WearableEpoch;

/** Nightly episodes from ZenMoon's own epochs: heart rate, naps, device-off gaps and midnight. */
class SleepEpisodeBuilderTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant MIDNIGHT = LocalDate.of(2026, 3, 2).atStartOfDay(ZONE).toInstant();

    /** A simulated child: asleep in the given minute ranges; awake otherwise. */
    static final class Day {
        final Random rnd = new Random(7);
        final List<WearableEpoch> epochs = new ArrayList<>();

        Day(int minutes, int[][] asleep, int[][] off, int[][] stillButAwake) {
            for (int m = 0; m < minutes; m++) {
                if (in(off, m)) {
                    continue;
                }
                boolean s = in(asleep, m);
                boolean still = in(stillButAwake, m);
                double activity = s || still ? (rnd.nextDouble() < 0.8 ? 0 : rnd.nextInt(30)) : 200 + rnd.nextInt(400);
                double hr = s ? 70 + rnd.nextGaussian() * 2 : 92 + rnd.nextGaussian() * 3;
                epochs.add(new WearableEpoch(MIDNIGHT.plus(Duration.ofMinutes(m)), activity, hr, null, null));
            }
        }

        static boolean in(int[][] ranges, int m) {
            for (int[] r : ranges) {
                if (m >= r[0] && m < r[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    static int at(int day, int hour, int minute) {
        return day * 1440 + hour * 60 + minute;
    }

    /** Two days, asleep in the given ranges, the device on throughout and no still waking minutes. */
    static Day asleep(int[]... ranges) {
        return new Day(at(2, 0, 0), ranges, new int[0][], new int[0][]);
    }

    List<SleepEpisode> episodes(Day d) {
        return SleepEpisodeBuilder.defaults(ZONE).build(WearableSleepScorer.DEFAULT.score(d.epochs));
    }

    @Test
    void aNightCrossingMidnightIsOneEpisodeOfTheEveningBefore() {
        List<SleepEpisode> e = episodes(asleep(new int[] {at(0, 21, 30), at(1, 7, 0)})).stream()
                .filter(x -> x.kind() == SleepEpisode.Kind.MAIN)
                .toList();
        assertThat(e).singleElement().satisfies(x -> {
            assertThat(x.night()).isEqualTo(LocalDate.of(2026, 3, 2));
            assertThat(Duration.between(MIDNIGHT.plus(Duration.ofMinutes(at(0, 21, 30))), x.onset())
                            .abs())
                    .isLessThanOrEqualTo(Duration.ofMinutes(10));
            assertThat(Duration.between(MIDNIGHT.plus(Duration.ofMinutes(at(1, 7, 0))), x.wake())
                            .abs())
                    .isLessThanOrEqualTo(Duration.ofMinutes(10));
            assertThat(x.truncated()).isFalse();
        });
    }

    @Test
    void anAfternoonNapIsANapAndTheNightIsTheMainSleep() {
        List<SleepEpisode> e =
                episodes(asleep(new int[] {at(0, 14, 0), at(0, 15, 0)}, new int[] {at(0, 21, 0), at(1, 6, 30)}));
        assertThat(e).extracting(SleepEpisode::kind).containsExactly(SleepEpisode.Kind.NAP, SleepEpisode.Kind.MAIN);
    }

    @Test
    void shortNightWakingsDoNotSplitTheNight() {
        List<SleepEpisode> e =
                episodes(asleep(new int[] {at(0, 21, 0), at(1, 2, 0)}, new int[] {at(1, 2, 25), at(1, 7, 0)}));
        assertThat(e)
                .singleElement()
                .satisfies(x -> assertThat(x.wakeAfterOnsetMinutes()).isGreaterThanOrEqualTo(20));
    }

    @Test
    void theDeviceSwitchedOffDuringTheNightGivesTruncatedEpisodes() {
        Day d = new Day(
                at(2, 0, 0),
                new int[][] {{at(0, 21, 0), at(1, 7, 0)}},
                new int[][] {{at(1, 1, 0), at(1, 3, 0)}},
                new int[0][]);
        List<SleepEpisode> e = episodes(d);
        assertThat(e).hasSize(2).allSatisfy(x -> assertThat(x.truncated()).isTrue());
    }

    @Test
    void withoutHeartRateMovementAloneDecides() {
        List<WearableEpoch> noHr = asleep(new int[] {at(0, 21, 0), at(1, 7, 0)}).epochs.stream()
                .map(e -> new WearableEpoch(e.start(), e.activity(), null, null, null))
                .toList();
        List<SleepEpisode> e = SleepEpisodeBuilder.defaults(ZONE).build(WearableSleepScorer.DEFAULT.score(noHr));
        assertThat(e).singleElement().satisfies(x -> assertThat(x.kind()).isEqualTo(SleepEpisode.Kind.MAIN));
    }

    @Test
    void lyingStillWithADaytimeHeartRateIsNotSleep() {
        Day d = new Day(at(2, 0, 0), new int[][] {{at(0, 21, 0), at(1, 7, 0)}}, new int[0][], new int[][] {
            {at(1, 16, 0), at(1, 17, 30)}
        });
        List<SleepEpisode> e = episodes(d);
        assertThat(e).singleElement().satisfies(x -> assertThat(x.kind()).isEqualTo(SleepEpisode.Kind.MAIN));
    }
}
