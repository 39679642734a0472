package org.zenmoon.application;

import java.time.Instant;

/** Rules shared by logged interventions and cohort events. */
final class Activities {

    private Activities() {}

    /** @throws InvalidInputException when {@code end} lies before {@code start} */
    static void requireOrdered(Instant start, Instant end) {
        if (end.isBefore(start)) {
            throw new InvalidInputException("end", "must not be before start");
        }
    }
}
