package org.zenmoon.analysis.forecast;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Nelder-Mead (Commons Math's {@link SimplexOptimizer}) over a box, for the two to four smoothing parameters of the
 * exponential smoothing models. Commons Math's simplex takes no bounds, so outside the box the objective is its value
 * at the nearest point of the box, increased in proportion to the distance: the simplex is pushed back rather than
 * left on a flat region (which stops it early), and optima on a bound (no trend, strongest damping) stay reachable.
 * A non-finite objective counts as the largest value. When the evaluation budget runs out, the best point of the
 * box seen so far is returned.
 */
final class NelderMead {

    /**
     * Stop when no vertex's value changes by more than this fraction in one iteration. Chosen on the in-sample fit
     * alone: on the Holt-Winters fits of every fifth M4 Hourly training series, 1e-6 leaves the sum of squared errors
     * within 0.1% of 1e-10 (geometric mean) with half the evaluations.
     */
    static final double RELATIVE_TOLERANCE = 1e-6;

    private NelderMead() {}

    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double[] lo, double[] hi, int maxEval) {
        int d = start.length;
        double[] x0 = clamp(start.clone(), lo, hi);
        // axis-aligned start simplex, a quarter of each range away from the start (inwards at an upper bound)
        double[][] simplex = new double[d + 1][];
        simplex[0] = x0.clone();
        for (int i = 0; i < d; i++) {
            double[] x = x0.clone();
            double step = 0.25 * (hi[i] - lo[i]);
            x[i] = x[i] + step <= hi[i] ? x[i] + step : x[i] - step;
            simplex[i + 1] = x;
        }
        double[][] best = {x0};
        double[] bestValue = {Double.POSITIVE_INFINITY};
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            double[] p = clamp(x.clone(), lo, hi);
            double outside = 0;
            for (int i = 0; i < d; i++) {
                outside += Math.abs(x[i] - p[i]) / (hi[i] - lo[i]);
            }
            double v = f.applyAsDouble(p);
            v = Double.isFinite(v) ? v : Double.MAX_VALUE;
            if (v < bestValue[0]) {
                bestValue[0] = v;
                best[0] = p;
            }
            return v + Math.abs(v) * outside;
        });
        try {
            new SimplexOptimizer(RELATIVE_TOLERANCE, 0)
                    .optimize(
                            new MaxEval(maxEval),
                            objective,
                            GoalType.MINIMIZE,
                            new InitialGuess(x0),
                            new NelderMeadSimplex(simplex));
        } catch (TooManyEvaluationsException budgetSpent) {
            // the best point seen so far is the fit
        }
        return best[0];
    }

    private static double[] clamp(double[] x, double[] lo, double[] hi) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(lo[i], Math.min(hi[i], x[i]));
        }
        return x;
    }
}
