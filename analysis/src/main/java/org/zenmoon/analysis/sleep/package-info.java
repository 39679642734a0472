/**
 * Sleep and wake from movement: ActiLife-compatible Sadeh (1994) and Cole-Kripke (1992) scoring of one-minute
 * activity counts, Tudor-Locke (2014) sleep periods, and nightly sleep episodes from ZenMoon's own epochs.
 * Method notes and measured agreement: docs/analyses/sleep-chronotype.md.
 */
package org.zenmoon.analysis.sleep;
