/**
 * Forecasting engine for hourly stress and nightly sleep. {@link org.zenmoon.analysis.forecast.ForecastEngine}
 * backtests every candidate of a {@link org.zenmoon.analysis.forecast.ForecastSpec} at rolling origins, refits the
 * one with the best backtest sMAPE and MASE relative to seasonal naive, and gives it empirical 80% and 95%
 * intervals from its own backtest errors. Too little history is an explicit outcome, never a guess.
 *
 * <p>Methods and what they follow:
 *
 * <ul>
 *   <li>Naive, seasonal naive and Naive2 with M4's 90% seasonality test and classical multiplicative decomposition
 *       (Makridakis, Spiliotis and Assimakopoulos 2020, Int J Forecasting 36:54-74; their R benchmarks).
 *   <li>SES, Holt and damped trend (Gardner 1985; Gardner and McKenzie 1985), on seasonally adjusted data as M4's
 *       benchmarks.
 *   <li>Holt-Winters, additive and multiplicative with damped trend (Winters 1960; Gardner 2006).
 *   <li>Theta (Assimakopoulos and Nikolopoulos 2000; Hyndman and Billah 2003: SES plus half the regression slope).
 *   <li>Double-seasonal Holt-Winters with an AR(1) error adjustment (Taylor 2003, J Oper Res Soc 54:799-805).
 *   <li>A weekly profile (seasonal naive over the week with the level brought up to date) and the step-wise median
 *       of several models (forecast combination: Clemen 1989, Int J Forecasting 5:559-583).
 *   <li>Selection by rolling-origin evaluation (Tashman 2000, Int J Forecasting 16:437-450) and empirical
 *       intervals from past errors (Williams and Goodman 1971, JASA 66:752-754).
 * </ul>
 *
 * <p>Assumptions: the series is evenly spaced and gap-free (gaps are resolved before, see {@link
 * org.zenmoon.analysis.forecast.RegularSeries}); the recent past (the backtest weeks) resembles the horizon, so a
 * level or pattern change inside the horizon cannot be anticipated; errors at the backtest origins are
 * exchangeable with the coming ones, which is what makes the intervals calibrated; smoothing parameters minimise
 * the in-sample one-step squared error (Commons Math's Nelder-Mead), not a full ETS likelihood. The automatic
 * design (candidates, origins, interval calibration) was chosen on the M4 Hourly validation split, never on its
 * test file; see {@code ForecastSpec} and docs/analyses/forecast.md. Scoring lives in {@code evaluation}.
 */
package org.zenmoon.analysis.forecast;
