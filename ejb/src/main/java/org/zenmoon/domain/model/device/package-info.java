/** Paired wearables. */
package org.zenmoon.domain.model.device;
