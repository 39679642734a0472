package org.zenmoon.application;

import jakarta.ejb.ApplicationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that Bean Validation let through breaks a rule only a service can check (a password rule, a cohort that
 * does not exist, an end before the start): a 400 with the field named, like a validation error.
 */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> fields;

    /** @param message what is wrong with the field, never quoting a secret such as a password */
    public InvalidInputException(String field, String message) {
        super(message);
        this.fields = Map.of(field, message);
    }

    /** Several bad fields at once ({@code epochs[17].t}: what is wrong with it), in the order given. */
    public InvalidInputException(Map<String, String> fields) {
        super(fields.size() + " fields are not valid");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no field");
        }
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The first bad field. */
    public String field() {
        return fields.keySet().iterator().next();
    }

    /** Every bad field with what is wrong with it. */
    public Map<String, String> fields() {
        return fields;
    }
}
