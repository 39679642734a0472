package org.zenmoon.application;

import jakarta.ejb.ApplicationException;

/**
 * A request that Bean Validation let through breaks a rule only a service can check (a password rule, a cohort that
 * does not exist, an end before the start): a 400 with the field named, like a validation error.
 */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** @param message what is wrong with the field, never quoting a secret such as a password */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
