package org.zenmoon.analysis.forecast.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A series cut into the history a forecast is made from (which also gives MASE's scale) and the future it is
 * scored against.
 */
public record Holdout(String id, double[] history, double[] future) {

    public Holdout {
        if (future.length == 0) {
            throw new IllegalArgumentException("series " + id + ": nothing held out");
        }
    }

    public int horizon() {
        return future.length;
    }

    /**
     * The validation split: the last {@code horizon} values of each training series are held out and the rest is
     * the history. Design choices are made on this split so that the test file is scored only once.
     */
    public static List<Holdout> validation(List<M4Series> train, int horizon) {
        return train.stream()
                .map(s -> {
                    int n = s.values().length;
                    if (n <= horizon) {
                        throw new IllegalArgumentException(
                                "series " + s.id() + " has " + n + " values: too few to hold out " + horizon);
                    }
                    return new Holdout(
                            s.id(),
                            Arrays.copyOf(s.values(), n - horizon),
                            Arrays.copyOfRange(s.values(), n - horizon, n));
                })
                .toList();
    }

    /**
     * The test split: each whole training series as history and the first {@code horizon} values of the test series
     * with the same id as future, in the order of {@code train}.
     */
    public static List<Holdout> test(List<M4Series> train, List<M4Series> test, int horizon) {
        Map<String, M4Series> byId = new HashMap<>();
        test.forEach(s -> byId.put(s.id(), s));
        return train.stream()
                .map(s -> {
                    M4Series t = byId.get(s.id());
                    if (t == null) {
                        throw new IllegalArgumentException("series " + s.id() + " has no test values");
                    }
                    if (t.values().length < horizon) {
                        throw new IllegalArgumentException("series " + s.id() + " has " + t.values().length
                                + " test values, the horizon is " + horizon);
                    }
                    return new Holdout(s.id(), s.values(), Arrays.copyOf(t.values(), horizon));
                })
                .toList();
    }
}
