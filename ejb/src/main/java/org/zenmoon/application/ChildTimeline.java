package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.AnalysisInputs;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildTimelineRepository;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Episode;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Event;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Position;
import org.zenmoon.domain.model.epoch.EpochRecord;

/**
 * Reading a child's stored data back (../shared/API.md, "Children and results"): its epochs, sleep episodes and
 * events, in time order, a page at a time, for the staff who see the child and its guardians
 * ({@link AccessPolicy#childScope}). Every page read is audited for the child.
 *
 * <p>A page's {@code nextCursor} is opaque to clients: base64url of the list's name, the last row's time and, where
 * times can repeat, its id. A cursor of another list, one that does not decode, or one whose time lies outside
 * {@link TimeBounds} (which no page ever gives), is a 400 naming {@code cursor}.
 */
@Stateless
@TenantBound
@Audited
@Requires(Permission.READ_CHILDREN)
public class ChildTimeline {

    /** One day of minutes. */
    public static final int DEFAULT_LIMIT = 1440;
    /** One week of minutes. */
    public static final int MAX_LIMIT = 10080;

    /** What a request asks for: optional bounds ({@code from} inclusive, {@code to} exclusive), a limit, a cursor. */
    public record Window(Instant from, Instant to, Integer limit, String cursor) {}

    /** One page; {@code nextCursor} fetches the next, null on the last page. */
    public record Page<T>(List<T> items, String nextCursor) {}

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9:_-]{1,80}");

    @Inject
    ChildRepository children;

    @Inject
    ChildTimelineRepository timeline;

    @Inject
    AnalysisInputs inputs;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    public Page<EpochRecord> epochs(String childId, Window window) {
        int limit = checked(childId, window);
        Position after = position("epochs", window.cursor(), false);
        List<EpochRecord> rows =
                timeline.epochs(childId, window.from(), window.to(), after == null ? null : after.at(), limit + 1);
        return page(rows, limit, e -> cursor("epochs", e.t(), null));
    }

    public Page<Episode> sleepEpisodes(String childId, Window window) {
        int limit = checked(childId, window);
        Position after = position("sleep-episodes", window.cursor(), true);
        List<Episode> rows = timeline.sleepEpisodes(childId, window.from(), window.to(), after, limit + 1);
        return page(rows, limit, e -> cursor("sleep-episodes", e.onset(), e.id()));
    }

    /**
     * The interventions staff logged for the child that started in {@code [from, to)}, by start: at most a few a day,
     * so one list rather than pages.
     */
    public List<AnalysisInputs.Logged> interventions(String childId, Instant from, Instant to) {
        checked(childId, new Window(from, to, null, null));
        return inputs.interventions(childId, from, to);
    }

    public Page<Event> events(String childId, Window window) {
        int limit = checked(childId, window);
        Position after = position("events", window.cursor(), true);
        List<Event> rows = timeline.events(childId, window.from(), window.to(), after, limit + 1);
        return page(rows, limit, e -> cursor("events", e.start(), e.id()));
    }

    /**
     * The events going on in {@code [from, to)} (both required), by start: those begun before the window and not yet
     * over in it too, which {@link #events} (bounded on the start) leaves out. Paged and audited as {@link #events}.
     */
    public Page<Event> eventsDuring(String childId, Window window) {
        if (window.from() == null || window.to() == null) {
            throw new InvalidInputException(window.from() == null ? "from" : "to", "is required");
        }
        int limit = checked(childId, window);
        Position after = position("events", window.cursor(), true);
        List<Event> rows = timeline.eventsDuring(childId, window.from(), window.to(), after, limit + 1);
        return page(rows, limit, e -> cursor("events", e.start(), e.id()));
    }

    /** 404 for a child outside the caller's scope, 400 for a window that makes no sense; @return the limit */
    private int checked(String childId, Window window) {
        if (children.summary(policy.childScope(callers.current()), childId).isEmpty()) {
            throw new NotFoundException("Child");
        }
        if (window.from() != null && window.to() != null && window.to().isBefore(window.from())) {
            throw new InvalidInputException("to", "must not be before from");
        }
        int limit = window.limit() == null ? DEFAULT_LIMIT : window.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be a number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    /** The first {@code limit} rows; asked for one more, so that a full last page has no next cursor. */
    private static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
    }

    static String cursor(String list, Instant at, String id) {
        String plain = list + "|" + at + (id == null ? "" : "|" + id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor of {@code list} names; null without a cursor. */
    static Position position(String list, String cursor, boolean withId) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == (withId ? 3 : 2)
                    && parts[0].equals(list)
                    && (!withId || ID.matcher(parts[2]).matches())) {
                Instant at = Instant.parse(parts[1]);
                if (TimeBounds.holds(at)) {
                    return new Position(at, withId ? parts[2] : null);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // Not base64url, or no time in it: the same answer as any other cursor this list never gave.
        }
        throw new InvalidInputException("cursor", "must be a nextCursor of this list");
    }
}
