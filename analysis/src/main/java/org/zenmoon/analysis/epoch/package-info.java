/**
 * The one epoch type of the analysis engines: what a wearable measured over one short interval (a minute for
 * ZenMoon's devices, 10 s or 60 s for ActiGraph recordings). Each engine reads the measures it needs and leaves
 * the others; a measure that was not taken is {@code null}, never a sentinel number.
 */
package org.zenmoon.analysis.epoch;
