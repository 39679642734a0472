package org.zenmoon.analysis.chronotype;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.zenmoon.analysis.sleep.SleepEpisode;

/**
 * MSFsc from detected sleep, the MCTQ formulas applied to measured nights: SO and SD are the circular mean onset
 * and the mean duration of the school nights and of the free nights, the weekly weights are the numbers of each
 * kind of night, and there is no alarm on free days. Below {@code minNights} nights or {@code minFreeNights} free
 * nights (or with no school night) the result is "insufficient data", never a guess.
 */
public record ChronotypeAnalysis(
        ZoneId zone, SchoolCalendar calendar, AgeNorms norms, int minNights, int minFreeNights) {

    public static ChronotypeAnalysis defaults(ZoneId zone) {
        return new ChronotypeAnalysis(zone, SchoolCalendar.weekends(), AgeNorms.DEFAULT, 14, 4);
    }

    /**
     * From detected episodes: the main sleep of each night, leaving out naps and truncated episodes (whose onset
     * or wake is unknown because the device was off).
     */
    public Chronotype analyseEpisodes(List<SleepEpisode> episodes, Double age) {
        return analyse(
                episodes.stream()
                        .filter(e -> e.kind() == SleepEpisode.Kind.MAIN && !e.truncated())
                        .map(e -> new SleepNight(e.onset(), e.wake(), null))
                        .toList(),
                age);
    }

    /** @param age in years, or null when unknown (no category then) */
    public Chronotype analyse(List<SleepNight> nights, Double age) {
        List<Double> onsetW = new ArrayList<>();
        List<Double> onsetF = new ArrayList<>();
        double durW = 0;
        double durF = 0;
        for (SleepNight n : nights) {
            ZonedDateTime onset = n.onset().atZone(zone);
            // The night belongs to the evening before an onset after midnight.
            LocalDate evening = onset.getHour() < 12 ? onset.toLocalDate().minusDays(1) : onset.toLocalDate();
            boolean free = n.freeDay() != null ? n.freeDay() : calendar.isFreeNight(evening);
            double clock = onset.getHour() * 60 + onset.getMinute() + onset.getSecond() / 60.0;
            double minutes = Duration.between(n.onset(), n.wake()).getSeconds() / 60.0;
            if (free) {
                onsetF.add(clock);
                durF += minutes;
            } else {
                onsetW.add(clock);
                durW += minutes;
            }
        }
        int total = nights.size();
        int w = onsetW.size();
        int f = onsetF.size();
        String reason = null;
        if (total < minNights) {
            reason = total + " nights, at least " + minNights + " needed";
        } else if (f < minFreeNights) {
            reason = f + " free nights, at least " + minFreeNights + " needed";
        } else if (w == 0) {
            reason = "no school nights";
        }
        if (reason != null) {
            return Chronotype.insufficient(reason, total, w, f);
        }
        double sdW = durW / w;
        double sdF = durF / f;
        double soW = ClockMinutes.circularMean(onsetW);
        double soF = ClockMinutes.circularMean(onsetF);
        double msw = ClockMinutes.wrap(soW + sdW / 2);
        double msf = ClockMinutes.wrap(soF + sdF / 2);
        double sdWeek = (sdW * w + sdF * f) / (w + f);
        double msfSc = sdF <= sdW ? msf : ClockMinutes.wrap(msf - (sdF - sdWeek) / 2);
        double sjl = ClockMinutes.distance(msw, msf);
        ChronotypeCategory category = age == null ? null : norms.categorise(msfSc, age);
        return new Chronotype(
                Chronotype.Status.OK, null, total, w, f, msw, msf, msfSc, sdW, sdF, sdWeek, sjl, category);
    }
}
