package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.analysis.epoch.WearableEpoch;
import org.zenmoon.analysis.sleep.SleepEpisode;
import org.zenmoon.analysis.sleep.SleepEpisode.Kind;

class DailyRecordsTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final LocalDate MON = LocalDate.of(2026, 3, 2);

    /** {@code n} minutes from {@code from} (local time in {@code zone}) with the given stress and sleep state. */
    static List<WearableEpoch> minutes(LocalDateTime from, int n, Double stress, Boolean asleep, ZoneId zone) {
        List<WearableEpoch> out = new ArrayList<>();
        Instant t = from.atZone(zone).toInstant();
        for (int i = 0; i < n; i++) {
            out.add(new WearableEpoch(t.plusSeconds(60L * i), 100.0, 80.0, stress, asleep));
        }
        return out;
    }

    static SleepEpisode episode(LocalDateTime onset, LocalDateTime wake, Kind kind, boolean truncated) {
        Instant on = onset.toInstant(ZoneOffset.UTC);
        Instant off = wake.toInstant(ZoneOffset.UTC);
        int length = (int) ((off.getEpochSecond() - on.getEpochSecond()) / 60);
        return new SleepEpisode(onset.toLocalDate(), on, off, kind, length, 0, truncated);
    }

    static DailyObservation day(List<DailyObservation> days, LocalDate date) {
        return days.stream().filter(d -> d.date().equals(date)).findFirst().orElseThrow();
    }

    @Test
    void eveningStressIsTheMeanOfAwakeMinutesFromFiveToTenPm() {
        List<WearableEpoch> e = new ArrayList<>();
        e.addAll(minutes(MON.atTime(16, 0), 60, 0.9, null, UTC)); // afternoon: outside
        e.addAll(minutes(MON.atTime(17, 0), 90, 0.4, false, UTC));
        e.addAll(minutes(MON.atTime(18, 30), 30, 0.7, null, UTC)); // unknown state counts as awake
        e.addAll(minutes(MON.atTime(19, 0), 30, 0.1, true, UTC)); // the device says asleep: left out
        e.addAll(minutes(MON.atTime(19, 30), 30, null, false, UTC)); // no stress: left out
        e.addAll(minutes(MON.atTime(22, 0), 30, 0.9, false, UTC)); // 22:00 is outside

        DailyObservation d = day(DailyRecords.of("c", e, List.of(), Set.of(), Set.of(), UTC), MON);

        // (90 * 0.4 + 30 * 0.7) / 120 = 57 / 120
        assertThat(d.eveningStress()).isFinite().isCloseTo(0.475, within(1e-9));
    }

    @Test
    void anEveningNeedsSixtyAwakeMinutesWithStress() {
        LocalDate tue = MON.plusDays(1);
        List<WearableEpoch> e = new ArrayList<>();
        e.addAll(minutes(MON.atTime(20, 0), 59, 0.5, false, UTC));
        e.addAll(minutes(tue.atTime(20, 0), 60, 0.5, false, UTC));

        List<DailyObservation> days = DailyRecords.of("c", e, List.of(), Set.of(), Set.of(), UTC);

        assertThat(day(days, MON).eveningStress()).isNaN();
        assertThat(day(days, tue).eveningStress()).isFinite().isCloseTo(0.5, within(1e-9));
    }

    @Test
    void minutesInsideADetectedSleepAreNotAnAwakeEvening() {
        List<WearableEpoch> e = new ArrayList<>();
        e.addAll(minutes(MON.atTime(19, 0), 120, 0.5, null, UTC));
        e.addAll(minutes(MON.atTime(21, 0), 60, 0.1, null, UTC)); // asleep by the episode, not by the device
        List<SleepEpisode> sleep =
                List.of(episode(MON.atTime(21, 0), MON.plusDays(1).atTime(7, 0), Kind.MAIN, false));

        DailyObservation d = day(DailyRecords.of("c", e, sleep, Set.of(), Set.of(), UTC), MON);

        assertThat(d.eveningStress()).isFinite().isCloseTo(0.5, within(1e-9));
    }

    @Test
    void sleepHoursAreTheMainSleepStartingThatEvening() {
        LocalDate tue = MON.plusDays(1);
        LocalDate wed = MON.plusDays(2);
        LocalDate thu = MON.plusDays(3);
        LocalDate fri = MON.plusDays(4);
        List<WearableEpoch> e = new ArrayList<>();
        for (LocalDate d : List.of(MON, tue, wed, thu, fri)) {
            e.addAll(minutes(d.atTime(12, 0), 1, 0.3, false, UTC));
        }
        List<SleepEpisode> sleep = List.of(
                episode(MON.atTime(14, 0), MON.atTime(15, 30), Kind.NAP, false), // a nap: not the night
                episode(MON.atTime(21, 30), tue.atTime(7, 0), Kind.MAIN, false), // Monday: 9.5 h
                episode(wed.atTime(0, 30), wed.atTime(8, 0), Kind.MAIN, false), // after midnight: Tuesday, 7.5 h
                episode(wed.atTime(20, 0), thu.atTime(6, 0), Kind.MAIN, true), // truncated: Wednesday unknown
                episode(thu.atTime(18, 0), thu.atTime(21, 0), Kind.MAIN, false), // two on Thursday: 3 h ...
                episode(fri.atTime(5, 59), fri.atTime(10, 0), Kind.MAIN, false), // ... and 4 h 1 min, the longer
                episode(fri.plusDays(1).atTime(6, 0), fri.plusDays(1).atTime(9, 0), Kind.MAIN, false)); // 06:00: late

        List<DailyObservation> days = DailyRecords.of("c", e, sleep, Set.of(), Set.of(), UTC);

        assertThat(day(days, MON).sleepHours()).isFinite().isCloseTo(9.5, within(1e-9));
        assertThat(day(days, tue).sleepHours()).isFinite().isCloseTo(7.5, within(1e-9));
        assertThat(day(days, wed).sleepHours()).isNaN();
        assertThat(day(days, thu).sleepHours()).isFinite().isCloseTo(4 + 1 / 60.0, within(1e-9));
        assertThat(day(days, fri).sleepHours()).isNaN();
    }

    @Test
    void onlyDaysWithAnEpochWithTheirFlagsInDateOrder() {
        LocalDate wed = MON.plusDays(2);
        List<WearableEpoch> e = new ArrayList<>();
        e.addAll(minutes(wed.atTime(9, 0), 1, null, null, UTC));
        e.addAll(minutes(MON.atTime(9, 0), 1, null, null, UTC));

        List<DailyObservation> days =
                DailyRecords.of("mia", e, List.of(), Set.of(MON, MON.plusDays(1)), Set.of(wed), UTC);

        assertThat(days)
                .extracting(DailyObservation::date, DailyObservation::treated, DailyObservation::schoolEvent)
                .containsExactly(tuple(MON, true, false), tuple(wed, false, true));
        assertThat(days).allSatisfy(d -> {
            assertThat(d.childId()).isEqualTo("mia");
            assertThat(d.eveningStress()).isNaN();
            assertThat(d.sleepHours()).isNaN();
        });
    }

    @Test
    void theWindowsAreLocalTime() {
        ZoneId sydney = ZoneId.of("Australia/Sydney"); // UTC+11 in March
        // 17:00 to 18:00 local is 06:00 to 07:00 UTC, on the local Monday.
        List<WearableEpoch> e = minutes(MON.atTime(17, 0), 60, 0.6, false, sydney);
        e.addAll(minutes(MON.atTime(16, 0), 60, 0.9, false, sydney));

        List<DailyObservation> days = DailyRecords.of("c", e, List.of(), Set.of(), Set.of(), sydney);

        assertThat(days).hasSize(1);
        assertThat(days.get(0).date()).isEqualTo(MON);
        assertThat(days.get(0).eveningStress()).isFinite().isCloseTo(0.6, within(1e-9));
    }
}
