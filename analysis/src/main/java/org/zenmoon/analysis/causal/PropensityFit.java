package org.zenmoon.analysis.causal;

/**
 * The logistic propensity model as fitted by IRLS. Coefficients are on the standardised covariates
 * (intercept first); with fixed effects ({@link CausalData#fixedEffects()}) the intercept's is 0 and one
 * intercept per group follows the covariates', in the ascending order of the group ids. {@code separation} means some covariate combination predicts the arm (almost) perfectly,
 * so the scores near 0 or 1 cannot be trusted; it is reported, not hidden.
 */
public record PropensityFit(
        double[] coefficients, boolean converged, int iterations, boolean separation, String message) {
    public PropensityFit {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }
}
