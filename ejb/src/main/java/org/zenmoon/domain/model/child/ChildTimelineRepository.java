package org.zenmoon.domain.model.child;

import java.time.Instant;
import java.util.List;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * A child's measurements, sleep episodes and events in time order, a page at a time, for the read-back API. Each
 * list is paged by its key (time, then an id where times can repeat): a page starts after the last row of the one
 * before, so rows stored meanwhile neither shift nor repeat a page. Bounds are optional: {@code from} inclusive,
 * {@code to} exclusive, on the time the list is ordered by.
 */
public interface ChildTimelineRepository {

    /** Where the previous page ended: the time and, for lists whose times can repeat, the row's id. */
    record Position(Instant at, String id) {}

    /** A stored sleep episode. */
    record Episode(String id, Instant onset, Instant wake, String source) {}

    /**
     * An event in the child's day: one of its cohort's school events ({@code scope} {@code cohort}) or one its phone
     * reported ({@code child}). The id is unique across both.
     */
    record Event(String id, String scope, String type, Instant start, Instant end, String source) {}

    /** Epochs by {@code t}; {@code after} is the last {@code t} of the previous page (or null). */
    List<EpochRecord> epochs(String childId, Instant from, Instant to, Instant after, int limit);

    /** Sleep episodes by onset, then id. */
    List<Episode> sleepEpisodes(String childId, Instant from, Instant to, Position after, int limit);

    /** The cohort's school events and the child's own events, by start, then id. */
    List<Event> events(String childId, Instant from, Instant to, Position after, int limit);

    /**
     * The same events, by start, then id, but those going on in {@code [from, to)}: begun before {@code to} and ended
     * after {@code from} (or, for an event without length, begun at {@code from}), so that a week-long trip begun
     * before the window is in it. Both bounds are required.
     */
    List<Event> eventsDuring(String childId, Instant from, Instant to, Position after, int limit);
}
