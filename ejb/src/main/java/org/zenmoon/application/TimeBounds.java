package org.zenmoon.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The instants a request may name, {@code from}, {@code to}, a cursor's time or a measured time: years 1970 to 9999.
 * ISO-8601 reaches years of nine digits, but {@code java.sql.Timestamp} overflows near year 292 million and
 * PostgreSQL's {@code timestamptz} ends in year 294276; outside these bounds a value is a 400, never a failed query.
 */
public final class TimeBounds {

    /** The first instant a request may name. */
    public static final Instant EARLIEST = Instant.EPOCH;

    /** The first instant past the bounds: the start of year 10000. */
    public static final Instant END =
            LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** What a 400 says of a value outside the bounds. */
    public static final String MESSAGE = "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private TimeBounds() {}

    public static boolean holds(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(END);
    }
}
