/**
 * Chronotype the MCTQ way: the mid-point of sleep on free days, corrected for the sleep debt built up on workdays
 * (MSFsc), with average weekly sleep duration (SD_week) and social jetlag (docs/analyses/sleep-chronotype.md).
 *
 * <ul>
 *   <li>{@link org.zenmoon.analysis.chronotype.Mctq}: the questionnaire of Roenneberg T, Wirz-Justice A, Merrow M,
 *       J Biol Rhythms 2003;18:80-90, with MSFsc, SD_week and social jetlag as Roenneberg T et al. define them
 *       (Curr Biol 2004;14:R1038-9; Curr Biol 2012;22:939-43) and the ropensci/mctq package computes them.
 *       {@link org.zenmoon.analysis.chronotype.MctqForm} reads the answers and reports what it cannot read instead
 *       of guessing.
 *   <li>{@link org.zenmoon.analysis.chronotype.ChronotypeAnalysis}: the same formulas on detected main sleeps
 *       instead of answers, with the school calendar deciding which nights are free.
 *   <li>{@link org.zenmoon.analysis.chronotype.AgeNorms}: early bird, intermediate or night owl relative to the
 *       age curve of Roenneberg et al. 2004 (chronotype gets later until about 20 years of age).
 * </ul>
 *
 * <p>Assumptions: all clock arithmetic is in minutes on a circular 24-hour clock; a night is free when the day
 * after it is free; an alarm on free days leaves MSFsc undefined; detected sleep needs at least 14 nights, 4 of
 * them free, or the answer is "insufficient data". The age references are approximate readings of a population
 * curve, not clinical norms, and the categories are not a diagnosis.
 */
package org.zenmoon.analysis.chronotype;
