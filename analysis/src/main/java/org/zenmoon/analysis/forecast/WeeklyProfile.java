package org.zenmoon.analysis.forecast;

/**
 * Seasonal naive over the long period with the level brought up to date: the shape of each of the last
 * {@code cycles} periods (relative to the day before it) averaged, added to the level of the last short period.
 * On strictly positive series it works on logarithms (a multiplicative level shift).
 */
public record WeeklyProfile(int shortPeriod, int longPeriod, int cycles) implements PointModel {

    @Override
    public String name() {
        return "profile" + longPeriod + "x" + cycles;
    }

    @Override
    public int minimumHistory() {
        return longPeriod + shortPeriod;
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        boolean log = DoubleSeasonal.strictlyPositive(y);
        double[] x = log ? DoubleSeasonal.logOf(y) : y;
        int n = x.length;
        int usable = Math.max(1, Math.min(cycles, (n - shortPeriod) / longPeriod));
        double now = HoltWinters.mean(x, n - shortPeriod, n);
        double[] shape = new double[longPeriod];
        for (int c = 1; c <= usable; c++) {
            int a = n - c * longPeriod;
            double lvl = HoltWinters.mean(x, a - shortPeriod, a);
            for (int k = 0; k < longPeriod; k++) {
                shape[k] += (x[a + k] - lvl) / usable;
            }
        }
        double[] f = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            f[k] = now + shape[k % longPeriod];
            if (log) {
                f[k] = Math.exp(f[k]);
            }
        }
        return f;
    }
}
