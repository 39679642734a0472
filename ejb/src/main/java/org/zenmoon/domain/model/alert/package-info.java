/** Alerts raised from a child's stored data: sustained stress above the child's own baseline, device anomalies. */
package org.zenmoon.domain.model.alert;
