package org.zenmoon.interfaces.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import org.zenmoon.application.ChildTimeline;

/**
 * The query of a read-back list, {@code ?from=&to=&limit=&cursor=}: each parameter's form is checked here, and a bad
 * one is named in the 400; the service checks what only it can (the limit's range, {@code to} before {@code from}, a
 * cursor it never gave).
 */
public class TimeWindow {

    @QueryParam("from")
    @IsoTimestamp
    private String from;

    @QueryParam("to")
    @IsoTimestamp
    private String to;

    @QueryParam("limit")
    @Pattern(regexp = "[0-9]{1,9}", message = "must be a number from 1 to " + ChildTimeline.MAX_LIMIT)
    private String limit;

    @QueryParam("cursor")
    @Pattern(regexp = "[A-Za-z0-9_-]{1,300}", message = "must be a nextCursor of this list")
    private String cursor;

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getLimit() {
        return limit;
    }

    public void setLimit(String limit) {
        this.limit = limit;
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }

    /** The window of a query that passed the checks above. */
    ChildTimeline.Window window() {
        return new ChildTimeline.Window(
                from == null ? null : IsoTimestamp.Check.instant(from),
                to == null ? null : IsoTimestamp.Check.instant(to),
                limit == null ? null : Integer.valueOf(limit),
                cursor);
    }
}
