package org.zenmoon.analysis.chronotype;

import static org.zenmoon.analysis.chronotype.ClockMinutes.distance;
import static org.zenmoon.analysis.chronotype.ClockMinutes.forward;
import static org.zenmoon.analysis.chronotype.ClockMinutes.wrap;

/**
 * The standard MCTQ formulas (Roenneberg, Wirz-Justice, Merrow 2003; Roenneberg et al. 2012; as implemented by
 * ropensci/mctq): SO = SPrep + SLat, SD = SE − SO, MS = SO + SD/2, FD = 7 − WD,
 * SD_week = (SD_W·WD + SD_F·FD)/7, MSFsc = MSF if SD_F ≤ SD_W else MSF − (SD_F − SD_week)/2 (undefined with an
 * alarm on free days), social jetlag = |MSF − MSW| (the shorter way round the clock).
 */
public final class Mctq {

    private Mctq() {}

    public static MctqResult compute(MctqAnswers a) {
        MctqAnswers.Section w = a.workdays() == null ? MctqAnswers.Section.EMPTY : a.workdays();
        MctqAnswers.Section f = a.freeDays() == null ? MctqAnswers.Section.EMPTY : a.freeDays();
        Double soW = w.complete() ? wrap(w.sleepPreparation() + w.sleepLatency()) : null;
        Double sdW = soW == null ? null : forward(soW, w.sleepEnd());
        Double msw = soW == null ? null : wrap(soW + sdW / 2);
        Double soF = f.complete() ? wrap(f.sleepPreparation() + f.sleepLatency()) : null;
        Double sdF = soF == null ? null : forward(soF, f.sleepEnd());
        Double msf = soF == null ? null : wrap(soF + sdF / 2);
        Double sdWeek = sleepWeek(a.workDays(), sdW, sdF);
        Double msfSc = msfSc(msf, sdW, sdF, sdWeek, f.alarm());
        Double sjl = msw == null || msf == null ? null : distance(msw, msf);
        return new MctqResult(soW, sdW, msw, soF, sdF, msf, sdWeek, msfSc, sjl);
    }

    static Double sleepWeek(Integer wd, Double sdW, Double sdF) {
        if (wd == null) {
            return null;
        }
        // As in mctq, both durations are needed even when one has weight 0 (R's NA * 0 is NA).
        if (sdW == null || sdF == null) {
            return null;
        }
        return (sdW * wd + sdF * (7 - wd)) / 7;
    }

    /** MSFsc; as in mctq only an alarm answered "yes" makes it undefined. */
    static Double msfSc(Double msf, Double sdW, Double sdF, Double sdWeek, Boolean alarmOnFreeDays) {
        if (msf == null || Boolean.TRUE.equals(alarmOnFreeDays)) {
            return null;
        }
        if (sdF == null || sdW == null) {
            return null;
        }
        if (sdF <= sdW) {
            return msf;
        }
        if (sdWeek == null) {
            return null;
        }
        return wrap(msf - (sdF - sdWeek) / 2);
    }
}
