package org.zenmoon.interfaces.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.zenmoon.application.Alerts;

/**
 * The query of a child's alerts, {@code ?from=&to=&limit=}, checked as {@link TimeWindow} checks its own (a bean, so
 * that the 400 names the parameter); the service checks {@code to} against {@code from} and the limit's range.
 */
public class AlertQuery {

    @QueryParam("from")
    @IsoTimestamp
    private String from;

    @QueryParam("to")
    @IsoTimestamp
    private String to;

    @QueryParam("limit")
    @Pattern(regexp = "[0-9]{1,9}", message = "must be a number from 1 to " + Alerts.MAX_LIMIT)
    private String limit;

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

    Instant fromInstant() {
        return from == null ? null : IsoTimestamp.Check.instant(from);
    }

    Instant toInstant() {
        return to == null ? null : IsoTimestamp.Check.instant(to);
    }

    Integer limitValue() {
        return limit == null ? null : Integer.valueOf(limit);
    }
}
