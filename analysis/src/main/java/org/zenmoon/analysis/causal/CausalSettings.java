package org.zenmoon.analysis.causal;

/**
 * How to analyse: the estimator, the estimand, the bootstrap (resamples and seed: the same seed gives the
 * same interval), the outcome's good direction, and the tuning of the individual estimators.
 *
 * @param strata     propensity strata for {@link Method#STRATIFICATION} (quantiles of the score among all
 *                   units for ATE, among the treated for ATT)
 * @param caliper    matching caliper in pooled standard deviations of the logit of the propensity score,
 *                   sqrt((s²<sub>treated</sub> + s²<sub>control</sub>) / 2) (Austin 2011 recommends 0.2)
 * @param clip       propensity scores are clipped to [clip, 1-clip] before they become weights
 * @param minPerArm  fewer rows than this in either arm gives {@link Verdict#INSUFFICIENT_DATA}
 * @param refute     whether to run the refuters (they re-run the estimator about 230 times)
 * @param trim       for ATT, drop the controls whose propensity score lies below the lowest score of a treated
 *                   unit (Dehejia and Wahba's common-support rule; they resemble no treated unit), in the data
 *                   and again in every bootstrap resample
 */
public record CausalSettings(
        Method method,
        Estimand estimand,
        int bootstrap,
        long seed,
        OutcomeDirection direction,
        int strata,
        double caliper,
        double clip,
        int minPerArm,
        boolean refute,
        boolean trim) {

    public CausalSettings {
        if (bootstrap < 0 || strata < 1 || caliper <= 0 || clip < 0 || clip >= 0.5 || minPerArm < 1) {
            throw new IllegalArgumentException(
                    "bootstrap >= 0, strata >= 1, caliper > 0, 0 <= clip < 0.5 and " + "minPerArm >= 1 are required");
        }
    }

    /** AIPW, ATE, 500 resamples, seed 42, lower outcome is better (stress). */
    public static CausalSettings defaults() {
        return new CausalSettings(
                Method.AIPW, Estimand.ATE, 500, 42L, OutcomeDirection.LOWER_IS_BETTER, 5, 0.2, 0.01, 10, true, true);
    }

    public CausalSettings withMethod(Method m) {
        return new CausalSettings(
                m, estimand, bootstrap, seed, direction, strata, caliper, clip, minPerArm, refute, trim);
    }

    public CausalSettings withEstimand(Estimand e) {
        return new CausalSettings(
                method, e, bootstrap, seed, direction, strata, caliper, clip, minPerArm, refute, trim);
    }

    public CausalSettings withBootstrap(int b) {
        return new CausalSettings(method, estimand, b, seed, direction, strata, caliper, clip, minPerArm, refute, trim);
    }

    public CausalSettings withSeed(long s) {
        return new CausalSettings(
                method, estimand, bootstrap, s, direction, strata, caliper, clip, minPerArm, refute, trim);
    }

    public CausalSettings withDirection(OutcomeDirection d) {
        return new CausalSettings(method, estimand, bootstrap, seed, d, strata, caliper, clip, minPerArm, refute, trim);
    }

    public CausalSettings withStrata(int k) {
        return new CausalSettings(
                method, estimand, bootstrap, seed, direction, k, caliper, clip, minPerArm, refute, trim);
    }

    public CausalSettings withCaliper(double c) {
        return new CausalSettings(
                method, estimand, bootstrap, seed, direction, strata, c, clip, minPerArm, refute, trim);
    }

    public CausalSettings withMinPerArm(int m) {
        return new CausalSettings(method, estimand, bootstrap, seed, direction, strata, caliper, clip, m, refute, trim);
    }

    public CausalSettings withTrim(boolean tr) {
        return new CausalSettings(
                method, estimand, bootstrap, seed, direction, strata, caliper, clip, minPerArm, refute, tr);
    }

    public CausalSettings withRefute(boolean r) {
        return new CausalSettings(
                method, estimand, bootstrap, seed, direction, strata, caliper, clip, minPerArm, r, trim);
    }
}
