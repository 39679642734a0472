package org.zenmoon.analysis.forecast;

/** M4's benchmark models: naive, seasonal naive and Naive2. */
public final class Benchmarks {

    private Benchmarks() {}

    /** The last value, repeated. */
    public record Naive() implements PointModel {
        @Override
        public String name() {
            return "naive";
        }

        @Override
        public int minimumHistory() {
            return 1;
        }

        @Override
        public double[] forecast(double[] y, int horizon) {
            double[] f = new double[horizon];
            java.util.Arrays.fill(f, y[y.length - 1]);
            return f;
        }
    }

    /** The value one period earlier. */
    public record SeasonalNaive(int period) implements PointModel {
        @Override
        public String name() {
            return "snaive" + period;
        }

        @Override
        public int minimumHistory() {
            return period;
        }

        @Override
        public double[] forecast(double[] y, int horizon) {
            double[] f = new double[horizon];
            int n = y.length;
            for (int k = 0; k < horizon; k++) {
                f[k] = y[n - period + k % period];
            }
            return f;
        }
    }

    /** Naive on the seasonally adjusted series, reseasonalised, when M4's seasonality test passes. */
    public record Naive2(int period) implements PointModel {
        @Override
        public String name() {
            return "naive2";
        }

        @Override
        public int minimumHistory() {
            return 1;
        }

        @Override
        public double[] forecast(double[] y, int horizon) {
            return new Deseasonalised(new Naive(), period).forecast(y, horizon);
        }
    }
}
