package org.zenmoon.analysis.sleep;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds nightly sleep episodes from scored minutes. Bouts are found the Tudor-Locke way (a bout starts at
 * {@code bedtimeStart} consecutive sleep minutes and ends at {@code wakeTimeEnd} consecutive wake minutes);
 * bouts separated by at most {@code mergeWakeMinutes} of recorded wake are one episode (a child who gets up at
 * night has not started a new night). A gap in the data (device off) always ends an episode, and an episode
 * touching a gap or the end of the recording is marked truncated rather than dropped. Episodes shorter than
 * {@code minEpisodeMinutes} are dropped. In each night the longest episode of at least {@code mainMinMinutes}
 * is the main sleep; the others are naps.
 */
public record SleepEpisodeBuilder(
        ZoneId zone,
        int bedtimeStart,
        int wakeTimeEnd,
        int mergeWakeMinutes,
        int minEpisodeMinutes,
        int mainMinMinutes) {

    public static SleepEpisodeBuilder defaults(ZoneId zone) {
        return new SleepEpisodeBuilder(zone, 5, 10, 60, 20, 180);
    }

    private record Bout(int start, int end, boolean openStart, boolean openEnd) {}

    public List<SleepEpisode> build(List<SleepWakeScore> epochs) {
        List<Bout> bouts = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= epochs.size(); i++) {
            if (i == epochs.size() || !adjacent(epochs, i - 1, i)) {
                bouts(epochs, from, i, bouts);
                from = i;
            }
        }
        List<Bout> merged = new ArrayList<>();
        for (Bout b : bouts) {
            Bout last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null
                    && !last.openEnd()
                    && !b.openStart()
                    && contiguous(epochs, last.end(), b.start())
                    && b.start() - last.end() <= mergeWakeMinutes) {
                merged.set(merged.size() - 1, new Bout(last.start(), b.end(), last.openStart(), b.openEnd()));
            } else {
                merged.add(b);
            }
        }
        List<SleepEpisode> episodes = new ArrayList<>();
        for (Bout b : merged) {
            if (b.end() - b.start() < minEpisodeMinutes) {
                continue;
            }
            Instant onset = epochs.get(b.start()).start();
            Instant wake = epochs.get(b.end() - 1).start().plus(Duration.ofMinutes(1));
            int sleep = 0;
            for (int k = b.start(); k < b.end(); k++) {
                if (epochs.get(k).asleep()) {
                    sleep++;
                }
            }
            int length = (int) Duration.between(onset, wake).toMinutes();
            Instant middle = onset.plus(Duration.between(onset, wake).dividedBy(2));
            LocalDate night = middle.minus(Duration.ofHours(12)).atZone(zone).toLocalDate();
            episodes.add(new SleepEpisode(
                    night, onset, wake, SleepEpisode.Kind.NAP, sleep, length - sleep, b.openStart() || b.openEnd()));
        }
        Map<LocalDate, SleepEpisode> main = new HashMap<>();
        for (SleepEpisode e : episodes) {
            if (e.length().toMinutes() >= mainMinMinutes) {
                main.merge(e.night(), e, (a, b) -> b.length().compareTo(a.length()) > 0 ? b : a);
            }
        }
        List<SleepEpisode> out = new ArrayList<>(episodes.size());
        for (SleepEpisode e : episodes) {
            out.add(
                    main.get(e.night()) == e
                            ? new SleepEpisode(
                                    e.night(),
                                    e.onset(),
                                    e.wake(),
                                    SleepEpisode.Kind.MAIN,
                                    e.sleepMinutes(),
                                    e.wakeAfterOnsetMinutes(),
                                    e.truncated())
                            : e);
        }
        out.sort(Comparator.comparing(SleepEpisode::onset));
        return out;
    }

    private static boolean adjacent(List<SleepWakeScore> e, int a, int b) {
        return Duration.between(e.get(a).start(), e.get(b).start()).equals(Duration.ofMinutes(1));
    }

    /** No gap in the data between index a (inclusive) and b (exclusive). */
    private static boolean contiguous(List<SleepWakeScore> e, int a, int b) {
        return Duration.between(e.get(a - 1).start(), e.get(b).start()).toMinutes() == b - a + 1;
    }

    private void bouts(List<SleepWakeScore> e, int from, int to, List<Bout> out) {
        int i = from;
        while (i < to) {
            int start = firstRun(e, i, to, true, bedtimeStart);
            if (start < 0) {
                return;
            }
            int end = firstRun(e, start, to, false, wakeTimeEnd);
            boolean openEnd = end < 0;
            if (openEnd) {
                end = to;
                while (end > start && !e.get(end - 1).asleep()) {
                    end--;
                }
            }
            out.add(new Bout(start, end, start == from, openEnd));
            i = openEnd ? to : end;
        }
    }

    private static int firstRun(List<SleepWakeScore> e, int from, int to, boolean asleep, int length) {
        int run = 0;
        for (int k = from; k < to; k++) {
            run = e.get(k).asleep() == asleep ? run + 1 : 0;
            if (run == length) {
                return k - length + 1;
            }
        }
        return -1;
    }
}
