package org.zenmoon.analysis.causal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the placebo refutation passes: its interval covers 0, or its effect is negligible against the estimate's. */
class RefutersTest {

    @Test
    void aPlaceboIntervalCoveringZeroPasses() {
        assertThat(Refuters.placeboPasses(0.01, -0.02, 0.04, 0.001)).isTrue();
    }

    @Test
    void aNarrowPlaceboIntervalBesideZeroPassesWhenItsEffectIsBelowHalfAStandardError() {
        // The demo school's pooled mindfulness estimate on 2026-12-03: SE 0.0147, placebo -0.0051 (-0.0090 to -0.0009).
        assertThat(Refuters.placeboPasses(-0.0051, -0.0090, -0.0009, 0.0147)).isTrue();
    }

    @Test
    void aPlaceboEffectAsLargeAsHalfAStandardErrorOutsideItsIntervalFails() {
        assertThat(Refuters.placeboPasses(-0.008, -0.012, -0.004, 0.0147)).isFalse();
        assertThat(Refuters.placeboPasses(0.5, 0.3, 0.7, 0.2)).isFalse();
    }

    @Test
    void withoutAStandardErrorOnlyTheIntervalDecides() {
        assertThat(Refuters.placeboPasses(-0.0001, -0.0002, -0.00005, Double.NaN))
                .isFalse();
        assertThat(Refuters.placeboPasses(Double.NaN, -0.1, 0.1, Double.NaN)).isTrue();
    }
}
