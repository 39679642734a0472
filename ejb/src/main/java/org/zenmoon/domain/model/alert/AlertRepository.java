package org.zenmoon.domain.model.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The alerts of the bound tenant. */
public interface AlertRepository {

    /** A child's stress over a past period: mean, standard deviation and the number of minutes behind them. */
    record Baseline(double mean, double sd, long minutes) {}

    /** Stores the alert unless the child has one of the same kind starting then. @return false if it had */
    boolean raise(Alert alert);

    /**
     * The child's alerts raised in {@code [from, to)} (either bound may be null), newest raised first, at most
     * {@code limit}.
     */
    List<StoredAlert> ofChild(String childId, Instant from, Instant to, int limit);

    /**
     * The alerts of these children raised at or after {@code from}, newest raised first, at most {@code limit}: a
     * staff member's inbox.
     */
    List<StoredAlert> ofChildren(Collection<String> childIds, Instant from, int limit);

    /** One alert of the bound tenant. */
    Optional<StoredAlert> find(String alertId);

    /**
     * Records the first acknowledgement of an alert: by whom (an account's id), when, with an optional note.
     * @return false if it had been acknowledged already (the first one stands)
     */
    boolean acknowledge(String alertId, String userId, Instant at, String note);

    /** The child's stress in {@code [from, to)}, if any minute of it has a stress value. */
    Optional<Baseline> stressBaseline(String childId, Instant from, Instant to);
}
