package org.zenmoon.domain.model.alert;

import java.time.Instant;
import java.util.Optional;

/** The alerts of the bound tenant. */
public interface AlertRepository {

    /** A child's stress over a past period: mean, standard deviation and the number of minutes behind them. */
    record Baseline(double mean, double sd, long minutes) {}

    /** Stores the alert unless the child has one of the same kind starting then. @return false if it had */
    boolean raise(Alert alert);

    /** The child's stress in {@code [from, to)}, if any minute of it has a stress value. */
    Optional<Baseline> stressBaseline(String childId, Instant from, Instant to);
}
