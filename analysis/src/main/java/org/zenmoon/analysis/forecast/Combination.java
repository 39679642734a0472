package org.zenmoon.analysis.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/** The median (or mean) of several models' forecasts, step by step; robust to one model going astray. */
public record Combination(List<PointModel> members, boolean median) implements PointModel {

    public Combination {
        members = List.copyOf(members);
    }

    @Override
    public String name() {
        return (median ? "median(" : "mean(")
                + members.stream().map(PointModel::name).collect(Collectors.joining(",")) + ")";
    }

    @Override
    public int minimumHistory() {
        return members.stream().mapToInt(PointModel::minimumHistory).max().orElse(1);
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        double[][] fs = new double[members.size()][];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = members.get(i).forecast(y, horizon);
        }
        return combine(fs, horizon, median);
    }

    static double[] combine(double[][] fs, int horizon, boolean median) {
        double[] f = new double[horizon];
        double[] col = new double[fs.length];
        for (int k = 0; k < horizon; k++) {
            for (int i = 0; i < fs.length; i++) {
                col[i] = fs[i][k];
            }
            f[k] = median
                    ? new Median().evaluate(col)
                    : Arrays.stream(col).average().orElse(Double.NaN);
        }
        return f;
    }
}
