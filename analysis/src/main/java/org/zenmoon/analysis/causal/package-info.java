/**
 * Causal effects of interventions (a mindfulness session, an earlier bedtime) on a child's stress or sleep:
 * ATE/ATT estimators, a propensity model fitted by IRLS, overlap and balance diagnostics, seeded bootstrap
 * intervals, DoWhy-style refuters, the E-value and a verdict. Plain Java: records in, records out.
 * See docs/analyses/causal.md for the methods, the assumptions and the verdict rules.
 */
package org.zenmoon.analysis.causal;
