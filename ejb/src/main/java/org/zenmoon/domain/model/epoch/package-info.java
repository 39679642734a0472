/** One-minute wearable epochs: the time series everything else is computed from. */
package org.zenmoon.domain.model.epoch;
