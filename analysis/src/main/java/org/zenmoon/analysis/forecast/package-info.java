/**
 * Forecasting engine for hourly stress and nightly sleep: benchmark models (naive, seasonal naive, M4's Naive2),
 * exponential smoothing, Theta, double-seasonal Holt-Winters, combinations, per-series selection by rolling-origin
 * backtest, empirical prediction intervals and the M4 accuracy measures. Validated on M4 Hourly.
 */
package org.zenmoon.analysis.forecast;
