/**
 * Scoring forecasts the way the M4 competition did (Makridakis, Spiliotis and Assimakopoulos 2020): sMAPE, MASE
 * scaled by the in-sample seasonal naive error, OWA against Naive2, MSIS and interval coverage, per series and
 * averaged over series. Also the two splits of an M4 training file: the validation split (its last values held
 * out, for design choices) and the test split (the whole training series against the test file, scored once).
 * A measure that is not a finite number is an error naming the series, never a placeholder.
 */
package org.zenmoon.analysis.forecast.evaluation;
