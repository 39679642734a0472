package org.zenmoon.analysis.causal;

import java.util.List;
import java.util.SplittableRandom;

/** Confounded synthetic data with a known effect: x1 raises both the chance of treatment and the outcome. */
final class Synthetic {

    private Synthetic() {}

    static CausalData confounded(int n, double effect, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            double x1 = Refuters.gaussian(rng);
            double x2 = Refuters.gaussian(rng);
            double x3 = rng.nextDouble() < 0.4 ? 1 : 0;
            double p = 1 / (1 + Math.exp(-(0.8 * x1 - 0.5 * x2 + 0.3 * x3)));
            t[i] = rng.nextDouble() < p;
            y[i] = 2 * x1 + x2 + x3 + (t[i] ? effect : 0) + Refuters.gaussian(rng);
            x[i] = new double[] {x1, x2, x3};
        }
        return new CausalData(t, y, x, List.of("x1", "x2", "x3"));
    }

    /** The effect is 1 + 2·x3 per unit, so ATT differs from ATE when x3 drives treatment. */
    static CausalData heterogeneous(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double x1 = Refuters.gaussian(rng);
            double x3 = rng.nextDouble() < 0.5 ? 1 : 0;
            t[i] = rng.nextDouble() < (x3 == 1 ? 0.7 : 0.2);
            y[i] = x1 + x3 + (t[i] ? 1 + 2 * x3 : 0) + Refuters.gaussian(rng);
            x[i] = new double[] {x1, x3};
        }
        return new CausalData(t, y, x, List.of("x1", "x3"));
    }
}
