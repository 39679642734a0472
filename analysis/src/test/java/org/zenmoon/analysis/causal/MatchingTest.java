package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest {

    // A small example computed by hand. Treated: x = 1, 2, 4 with y = 5, 6, 9. Controls: x = 0, 1.5, 3, 5 with
    // y = 1, 2, 4, 3. With one covariate the logit of the propensity score is a + b·x, so nearest neighbours,
    // ties and the caliper (in SDs) are the same on x as on the logit.
    static final boolean[] T = {true, true, true, false, false, false, false};
    static final double[] X = {1, 2, 4, 0, 1.5, 3, 5};
    static final double[] Y = {5, 6, 9, 1, 2, 4, 3};
    static final double[] ONES = {1, 1, 1, 1, 1, 1, 1};
    static final double WIDE = 1000;

    /*
     * ATT. Matches: x=1 -> 1.5 (y 2); x=2 -> 1.5 (y 2); x=4 -> 3 and 5 at the same distance, averaged: 3.5.
     * Differences 3, 4, 5.5; τ = 12.5/3.
     * K (uses, ties weighted 1/2) and K' (sum of squared weights): control 1.5: K = 2, K' = 2; 3 and 5:
     * K = 1/2, K' = 1/4. Weights K² − K': 2, 0, 0.
     * σ²(1.5) from its J = 2 nearest controls (0 and 3, tied at 1.5): 2/3 · (2 − (1 + 4)/2)² = 1/6.
     * V = [Σ(d − τ)² + 2 · 1/6] / 3².
     */
    static final double ATT = 12.5 / 3;
    static final double ATT_VARIANCE = (sq(3 - ATT) + sq(4 - ATT) + sq(5.5 - ATT) + 2 * (1.0 / 6)) / 9;

    /*
     * ATE adds the controls: 0 -> 1 (y 5): 4; 1.5 -> 1 and 2 tied: 5.5 − 2 = 3.5; 3 -> 2 and 4 tied: 7.5 − 4 =
     * 3.5; 5 -> 4 (y 9): 6. τ = 29.5/7.
     * K, K' of the treated: x=1: 1 + 1/2, 1 + 1/4; x=2: 1/2 + 1/2, 1/2; x=4: 1/2 + 1, 1/4 + 1.
     * Weights K² + 2K − K': treated 4, 2.5, 4; controls 1.5: 6; 3: 1; 5: 1.
     * σ² of the treated from their 2 nearest treated: x=1: 2/3 (5 − 7.5)²; x=2: 2/3 (6 − 7)²; x=4: 2/3 (9 − 5.5)².
     * σ² of the controls: 1.5: 1/6; 3 (neighbours 1.5 and 5): 2/3 (4 − 2.5)²; 5 (neighbours 3 and 1.5): 0.
     */
    static final double ATE = 29.5 / 7;
    static final double ATE_VARIANCE = (sq(3 - ATE)
                    + sq(4 - ATE)
                    + sq(5.5 - ATE)
                    + sq(4 - ATE)
                    + sq(3.5 - ATE)
                    + sq(3.5 - ATE)
                    + sq(6 - ATE)
                    + 4 * (2.0 / 3) * sq(5 - 7.5)
                    + 2.5 * (2.0 / 3) * sq(6 - 7)
                    + 4 * (2.0 / 3) * sq(9 - 5.5)
                    + 6 * (1.0 / 6)
                    + 1 * (2.0 / 3) * sq(4 - 2.5)
                    + 1 * 0)
            / 49;

    static double sq(double v) {
        return v * v;
    }

    @Test
    void attAndItsAbadieImbensVarianceMatchTheHandComputation() {
        Matching.Result r = Matching.match(T, Y, ONES, X, true, WIDE);
        assertThat(r.estimate()).isCloseTo(ATT, within(1e-12));
        assertThat(r.variance()).isCloseTo(ATT_VARIANCE, within(1e-12));
        assertThat(r.matchedTreated()).isEqualTo(3);
        assertThat(r.unmatchedTreated()).isZero();
    }

    @Test
    void ateAndItsAbadieImbensVarianceMatchTheHandComputation() {
        Matching.Result r = Matching.match(T, Y, ONES, X, false, WIDE);
        assertThat(r.estimate()).isCloseTo(ATE, within(1e-12));
        assertThat(r.variance()).isCloseTo(ATE_VARIANCE, within(1e-12));
        assertThat(r.matchedTreated() + r.matchedControls()).isEqualTo(7);
    }

    @Test
    void theEngineReportsMatchingWithTheAbadieImbensIntervalNotTheBootstrap() {
        CausalData d = new CausalData(
                T,
                Y,
                java.util.Arrays.stream(X).mapToObj(v -> new double[] {v}).toArray(double[][]::new),
                List.of("x"));
        CausalSettings s = CausalSettings.defaults()
                .withMethod(Method.MATCHING)
                .withEstimand(Estimand.ATT)
                .withTrim(false)
                .withCaliper(WIDE)
                .withRefute(false);
        CausalEstimate a = CausalEngine.estimate(d, s.withSeed(1));
        CausalEstimate b = CausalEngine.estimate(d, s.withSeed(2).withBootstrap(0));
        for (CausalEstimate e : List.of(a, b)) {
            assertThat(e.intervalMethod()).isEqualTo(IntervalMethod.ABADIE_IMBENS_NORMAL);
            assertThat(e.estimate()).isCloseTo(ATT, within(1e-9));
            assertThat(e.standardError()).isCloseTo(Math.sqrt(ATT_VARIANCE), within(1e-9));
            assertThat(e.ciLow()).isCloseTo(ATT - 1.959964 * Math.sqrt(ATT_VARIANCE), within(1e-5));
            assertThat(e.ciHigh()).isCloseTo(ATT + 1.959964 * Math.sqrt(ATT_VARIANCE), within(1e-5));
            assertThat(e.failedResamples()).isZero();
        }
        // The difference in means beside it keeps its bootstrap interval.
        assertThat(a.estimator(Method.DIFFERENCE_IN_MEANS).intervalMethod())
                .isEqualTo(IntervalMethod.PERCENTILE_BOOTSTRAP);
    }

    @Test
    void theCaliperIsInPooledStandardDeviationsOfTheLogit() {
        // Treated logits 0, 1, 2 (variance 1); controls 0.1, 1.3, 1.9 (variance 0.84): pooled SD sqrt(0.92).
        boolean[] t = {true, true, true, false, false, false};
        double[] logit = {0, 1, 2, 0.1, 1.3, 1.9};
        double[] y = {10, 11, 12, 1, 2, 3};
        double[] w = {1, 1, 1, 1, 1, 1};
        Matching.Result r = Matching.match(t, y, w, logit, true, 0.2);
        assertThat(r.caliperWidth()).isCloseTo(0.2 * Math.sqrt(0.92), within(1e-12)); // 0.192
        // 0 and 2 find a control 0.1 away; 1 is 0.3 from its nearest control, beyond the caliper, and is left out.
        assertThat(r.unmatchedTreated()).isEqualTo(1);
        assertThat(r.estimate()).isCloseTo(((10 - 1) + (12 - 3)) / 2.0, within(1e-12));
        // How far apart the arms lie does not widen the caliper (the SD of all logits together would).
        double[] apart = {0, 1, 2, 10.1, 11.3, 11.9};
        assertThat(Matching.match(t, y, w, apart, true, 0.2).caliperWidth()).isCloseTo(r.caliperWidth(), within(1e-12));
    }

    @Test
    void matchingOnTheTrueScoreHasTheAbadieImbensVariance() {
        // Matching on the true propensity score is the variance formula's setting: across 500 simulated studies the
        // standard errors match the spread of the estimates (within 10%, about 3 SEs of the spread's own noise), and
        // the 95% intervals cover the effect 92-98% of the time (binomial SD 1%).
        for (boolean att : new boolean[] {false, true}) {
            MatchingCoverage.Figures f = MatchingCoverage.trueScore(att, 500);
            assertThat(f.mean()).as("mean estimate").isCloseTo(1.0, within(0.05));
            assertThat(f.rmsStandardError())
                    .as("RMS standard error")
                    .isFinite()
                    .isCloseTo(f.spread(), within(0.1 * f.spread()));
            assertThat(f.coverage()).as("coverage").isBetween(0.92, 0.98);
        }
    }

    @Test
    void withAnEstimatedScoreTheAteIntervalIsConservative() {
        // Abadie and Imbens (2016): ignoring that the score is estimated overstates the ATE's variance.
        MatchingCoverage.Figures f = MatchingCoverage.estimatedScore(Estimand.ATE, 200);
        assertThat(f.rmsStandardError()).isFinite().isGreaterThanOrEqualTo(f.spread());
        assertThat(f.coverage()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void unitsBeyondTheCaliperAreReportedAsLeftOut() {
        CausalData d = Synthetic.confounded(300, 1.0, 41);
        CausalEstimate e = CausalEngine.estimate(
                d,
                CausalSettings.defaults()
                        .withMethod(Method.MATCHING)
                        .withCaliper(0.01)
                        .withRefute(false));
        assertThat(e.warnings()).anyMatch(w -> w.matches("matching: \\d+ of \\d+ (treated units|controls) had no .*"));
        assertThat(e.estimate()).isFinite();
    }
}
