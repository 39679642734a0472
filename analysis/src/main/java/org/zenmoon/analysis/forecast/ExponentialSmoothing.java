package org.zenmoon.analysis.forecast;

/**
 * Non-seasonal exponential smoothing (SES, Holt, damped trend) with the smoothing parameters fitted by minimising
 * the in-sample one-step squared error; initial states from the first values.
 */
public record ExponentialSmoothing(Trend trend) implements PointModel {

    /** The trend component. */
    public enum Trend {
        NONE,
        LINEAR,
        DAMPED
    }

    public static ExponentialSmoothing ses() {
        return new ExponentialSmoothing(Trend.NONE);
    }

    public static ExponentialSmoothing holt() {
        return new ExponentialSmoothing(Trend.LINEAR);
    }

    public static ExponentialSmoothing damped() {
        return new ExponentialSmoothing(Trend.DAMPED);
    }

    @Override
    public String name() {
        return switch (trend) {
            case NONE -> "ses";
            case LINEAR -> "holt";
            case DAMPED -> "damped";
        };
    }

    @Override
    public int minimumHistory() {
        return trend == Trend.NONE ? 2 : 4;
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        double[] p = fit(y);
        double[] state = run(y, p[0], p[1], p[2], null);
        double[] f = new double[horizon];
        double level = state[0];
        double slope = state[1];
        double phi = p[2];
        double damp = 0;
        for (int k = 0; k < horizon; k++) {
            damp += Math.pow(phi, k + 1);
            f[k] = trend == Trend.NONE ? level : level + (trend == Trend.LINEAR ? (k + 1) : damp) * slope;
        }
        return f;
    }

    /** The fitted smoothing parameter alpha (used by Theta). */
    static double fitAlpha(double[] y) {
        return ses().fit(y)[0];
    }

    private double[] fit(double[] y) {
        return switch (trend) {
            case NONE -> {
                double[] a = NelderMead.minimise(
                        x -> sse(y, x[0], 0, 1), new double[] {0.5}, new double[] {1e-4}, new double[] {0.9999}, 200);
                yield new double[] {a[0], 0, 1};
            }
            case LINEAR -> {
                double[] a = NelderMead.minimise(
                        x -> sse(y, x[0], x[1] * x[0], 1),
                        new double[] {0.5, 0.1},
                        new double[] {1e-4, 1e-4},
                        new double[] {0.9999, 0.9999},
                        300);
                yield new double[] {a[0], a[1] * a[0], 1};
            }
            case DAMPED -> {
                double[] a = NelderMead.minimise(
                        x -> sse(y, x[0], x[1] * x[0], x[2]),
                        new double[] {0.5, 0.1, 0.9},
                        new double[] {1e-4, 1e-4, 0.8},
                        new double[] {0.9999, 0.9999, 0.98},
                        400);
                yield new double[] {a[0], a[1] * a[0], a[2]};
            }
        };
    }

    private double sse(double[] y, double alpha, double beta, double phi) {
        double[] s = new double[1];
        run(y, alpha, beta, phi, s);
        return s[0];
    }

    /** Runs the filter; returns {level, slope}; adds the squared one-step errors into sse[0] when given. */
    private double[] run(double[] y, double alpha, double beta, double phi, double[] sse) {
        double level = y[0];
        double slope = trend == Trend.NONE ? 0 : y[1] - y[0];
        double sum = 0;
        for (int t = 1; t < y.length; t++) {
            double pred = level + phi * slope;
            double e = y[t] - pred;
            sum += e * e;
            double newLevel = pred + alpha * e;
            if (trend != Trend.NONE) {
                slope = phi * slope + beta * e;
            }
            level = newLevel;
        }
        if (sse != null) {
            sse[0] = sum;
        }
        return new double[] {level, slope};
    }
}
