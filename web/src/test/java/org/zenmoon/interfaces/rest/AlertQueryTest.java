package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The bounds of a list's {@code from} and {@code to}: ISO-8601 reaches years Java's SQL timestamps and PostgreSQL
 * cannot hold, and such a value is a 400 naming the parameter, as the alerts' and the read-back lists' queries say.
 */
class AlertQueryTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    static Map<String, String> invalid(Object query) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<Object> v : VALIDATOR.validate(query)) {
            fields.put(v.getPropertyPath().toString(), v.getMessage());
        }
        return fields;
    }

    static AlertQuery alerts(String from, String to) {
        AlertQuery q = new AlertQuery();
        q.setFrom(from);
        q.setTo(to);
        return q;
    }

    static TimeWindow window(String from, String to) {
        TimeWindow w = new TimeWindow();
        w.setFrom(from);
        w.setTo(to);
        return w;
    }

    @Test
    void instantsBeyondWhatTheDatabaseHoldsAreRefusedNamingTheParameter() {
        String bounds = "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";
        assertThat(invalid(alerts("+999999999-12-31T23:59:59Z", "+300000-01-01T00:00:00Z")))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("from", bounds, "to", bounds)));
        assertThat(invalid(window("1969-12-31T23:59:59Z", "9999-12-31T23:00:00-05:00")))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("from", bounds, "to", bounds)));
        assertThat(invalid(alerts("yesterday", null)))
                .containsExactlyEntriesOf(
                        Map.of("from", "must be an ISO-8601 timestamp with an offset, e.g. 2026-03-02T08:15:00Z"));
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        AlertQuery q = alerts("1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z");
        assertThat(invalid(q)).isEmpty();
        assertThat(q.fromInstant()).isEqualTo(Instant.EPOCH);
        assertThat(q.toInstant()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
        assertThat(invalid(window("1970-01-01T01:00:00+01:00", "9999-12-31T23:59:59Z")))
                .isEmpty();
    }
}
