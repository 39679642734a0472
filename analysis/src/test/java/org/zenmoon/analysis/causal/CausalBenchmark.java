package org.zenmoon.analysis.causal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue #4's benchmark, not a test: AIPW (ATE) with 500 bootstrap resamples on 10,000 rows × 10 covariates,
 * refuters off. Prints the median of 5 timed runs after 2 warm-ups. Run with -XX:ActiveProcessorCount=2 to
 * hold it to two cores (docs/BENCHMARKS.md has the command).
 */
public final class CausalBenchmark {

    public static void main(String[] args) {
        int n = 10_000;
        int p = 10;
        SplittableRandom rng = new SplittableRandom(1);
        boolean[] t = new boolean[n];
        double[] y = new double[n];
        double[][] x = new double[n][p];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        for (int i = 0; i < n; i++) {
            double eta = 0;
            double mu = 0;
            for (int j = 0; j < p; j++) {
                x[i][j] = j % 3 == 2 ? (rng.nextDouble() < 0.3 ? 1 : 0) : Refuters.gaussian(rng);
                eta += 0.15 * x[i][j];
                mu += 0.5 * x[i][j];
            }
            t[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta));
            y[i] = mu + (t[i] ? 1 : 0) + Refuters.gaussian(rng);
        }
        CausalData data = new CausalData(t, y, x, names);
        CausalSettings s = CausalSettings.defaults().withBootstrap(500).withRefute(false);
        for (int w = 0; w < 2; w++) {
            CausalEngine.estimate(data, s);
        }
        double[] secs = new double[5];
        CausalEstimate e = null;
        for (int r = 0; r < secs.length; r++) {
            long t0 = System.nanoTime();
            e = CausalEngine.estimate(data, s);
            secs[r] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(secs);
        System.out.printf(
                Locale.ROOT,
                "AIPW, 500 resamples, %d rows x %d covariates, %d processors: median %.2f s "
                        + "(min %.2f, max %.2f); ATE %.3f [%.3f, %.3f]%n",
                n,
                p,
                Runtime.getRuntime().availableProcessors(),
                secs[2],
                secs[0],
                secs[4],
                e.estimate(),
                e.ciLow(),
                e.ciHigh());
    }
}
