/**
 * Jakarta Batch jobs (sleep detection, chronotype, causal effects, forecasts, retraining, retention) and the
 * offline command-line tool that runs the same analyses on CSV files. The jobs arrive with their analysis
 * engines; this module is packaged now so that both deployables already have their final shape.
 */
package org.zenmoon.batch;
