/**
 * Sleep and wake from movement, computed the way ActiLife computes it, so that every step can be checked against
 * ActiLife's own exports (docs/analyses/sleep-chronotype.md has the method notes and the measured agreement).
 *
 * <ul>
 *   <li>{@link org.zenmoon.analysis.sleep.MinuteCounts}: epochs shorter than a minute are summed into clock
 *       minutes (ActiLife's "10 sec to 60 sec").
 *   <li>{@link org.zenmoon.analysis.sleep.SleepWakeAlgorithm}: Sadeh A, Sharkey KM, Carskadon MA, Sleep
 *       1994;17:201-7 (an 11-minute window, counts capped at 300), and Cole RJ, Kripke DF, Gruen W, Mullaney DJ,
 *       Gillin JC, Sleep 1992;15:461-9 (a weighted 7-minute sum, with ActiLife's scaling: counts / 100, capped at
 *       300).
 *   <li>{@link org.zenmoon.analysis.sleep.TudorLocke}: the sleep periods of Tudor-Locke C, Barreira TV, Schuna JM
 *       et al., Appl Physiol Nutr Metab 2014;39:53-7, with ActiLife's parameters and quality figures.
 *   <li>{@link org.zenmoon.analysis.sleep.WearableSleepScorer} and
 *       {@link org.zenmoon.analysis.sleep.SleepEpisodeBuilder}: ZenMoon's own minutes, Sadeh on the activity counts
 *       and then a heart-rate veto after the signal Walch O et al. (Sleep 2019;42:zsz180) add to motion; nightly
 *       episodes with naps. The veto is ZenMoon's rule, not validated against polysomnography.
 * </ul>
 *
 * <p>Assumptions: counts are ActiGraph axis-1 counts (ZenMoon's firmware reports that scale) in time order; a
 * missing minute means the device was off, so it splits the series and no window or period reaches across it;
 * minutes beyond the ends of a run count as zero, as in ActiLife. The published agreement with polysomnography
 * (about 91 % for Sadeh, 88 % for Cole-Kripke) comes from those papers' own participants; none of the three
 * methods was fitted on young children.
 */
package org.zenmoon.analysis.sleep;
