/**
 * Causal effects of interventions (a mindfulness session, an earlier bedtime) on a child's stress or sleep.
 * Plain Java: records in ({@link org.zenmoon.analysis.causal.CausalData},
 * {@link org.zenmoon.analysis.causal.CausalSettings}), a record out
 * ({@link org.zenmoon.analysis.causal.CausalEstimate}); {@link org.zenmoon.analysis.causal.CausalEngine} is the
 * entry point and {@link org.zenmoon.analysis.causal.InterventionDesigns} builds the daily designs.
 *
 * <p><b>Assumptions</b> (none can be tested here; see docs/ANALYSES.md): every common cause of treatment and
 * outcome is among the covariates (no unmeasured confounding); the covariates are measured before the
 * treatment; one unit's treatment does not change another's outcome (SUTVA); both arms occur at every
 * covariate value (overlap, which the diagnostics and trimming check as far as they can).
 *
 * <p><b>Estimators</b> ({@link org.zenmoon.analysis.causal.Method}), for the ATE or the ATT:
 * <ul>
 *   <li>difference in means (naive);</li>
 *   <li>regression adjustment: least squares per arm;</li>
 *   <li>stratification on propensity-score quantiles (Rosenbaum and Rubin 1984);</li>
 *   <li>inverse-probability weighting, normalised (Hájek);</li>
 *   <li>augmented IPW, doubly robust (Robins, Rotnitzky and Zhao 1994), the default;</li>
 *   <li>1:1 nearest-neighbour matching on the logit of the score with replacement, ties averaged, within a
 *       caliper of 0.2 pooled SDs of the logit (Rosenbaum and Rubin 1985; Austin 2011).</li>
 * </ul>
 * The propensity model is a logistic regression fitted by IRLS; it reports non-convergence and separation.
 * A model whose covariates are collinear on the rows it is fitted on leaves the aliased ones out and the
 * answer says so. For the ATT, controls below the lowest treated score are trimmed (Dehejia and Wahba 1999).
 *
 * <p><b>Uncertainty</b>: a seeded percentile bootstrap that repeats the whole analysis, trimming included, in
 * every resample (whole clusters when rows are grouped); for matching, for which the bootstrap is not valid
 * (Abadie and Imbens 2008), the Abadie–Imbens (2006) standard error and a normal interval.
 *
 * <p><b>Checks</b>: covariate balance (standardised mean differences), overlap and effective sample sizes;
 * DoWhy's placebo, random-common-cause and data-subset refuters (Sharma and Kiciman 2020); the E-value
 * (VanderWeele and Ding 2017). {@link org.zenmoon.analysis.causal.VerdictRule} turns all of it into helps,
 * harms, no evidence or insufficient data. docs/analyses/causal.md has the details and the measured figures.
 */
package org.zenmoon.analysis.causal;
