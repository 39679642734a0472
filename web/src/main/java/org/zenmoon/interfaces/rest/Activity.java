package org.zenmoon.interfaces.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** The body of a logged intervention or cohort event: {@code { type, start, end }}. */
public class Activity {
    @NotNull(message = Requests.ACTIVITY_TYPE_MESSAGE)
    @Pattern(regexp = Requests.ACTIVITY_TYPE, message = Requests.ACTIVITY_TYPE_MESSAGE)
    private String type;

    @NotNull(message = "must be given")
    @IsoTimestamp
    private String start;

    @NotNull(message = "must be given")
    @IsoTimestamp
    private String end;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    Instant startInstant() {
        return IsoTimestamp.Check.instant(start);
    }

    Instant endInstant() {
        return IsoTimestamp.Check.instant(end);
    }
}
