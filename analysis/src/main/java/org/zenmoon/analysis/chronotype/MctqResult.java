package org.zenmoon.analysis.chronotype;

/**
 * MCTQ quantities in minutes (clock times after midnight, circular); {@code null} where the formulas leave them
 * undefined: a section not answered, MSFsc with an alarm on free days, SD_week without WD.
 */
public record MctqResult(
        Double soW,
        Double sdW,
        Double msw,
        Double soF,
        Double sdF,
        Double msf,
        Double sdWeek,
        Double msfSc,
        Double socialJetlag) {}
